package dev.portcullis.micrometer;

import dev.portcullis.core.Reason;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Counts the gate's outcomes and times its verifications in a Micrometer {@link MeterRegistry}.
 *
 * <ul>
 *   <li>{@value #OUTCOMES} (counter), tags {@code outcome} ({@code authenticated}, {@code refused},
 *       {@code throttled}, {@code forbidden}, {@code store_unavailable}), {@code scheme}
 *       ({@code Digest}, {@code Basic}, {@code Bearer}, {@code OAuth}, or {@code none} when the
 *       gate refused before any scheme ran), {@code reason} (the {@link Reason} in lower case, or
 *       {@code none}) and {@code status} (the HTTP status answered; {@code 200} for authenticated).
 *   <li>{@value #VERIFICATIONS} (timer), tags {@code scheme} and {@code outcome}
 *       ({@code authenticated} or {@code refused}): how long each scheme took to verify, throttled
 *       attempts excluded since nothing was verified.
 *   <li>{@value #CREDENTIALS} (counter), tag {@code event} ({@code token_created},
 *       {@code token_revoked}, {@code key_disabled}).
 * </ul>
 * Tags hold no identifier or address, so their number stays bounded whatever clients send
 * (schemes and reasons are the gate's own, fixed sets). Refusals by reason are what an operator
 * watches: a rise in {@code reason=credentials_invalid} from many addresses is a distributed guess,
 * {@code outcome=throttled} the limiter at work.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Gate gate = Gate.builder().scheme(digest).listener(new MicrometerEventListener(registry)).build();
 * }</pre>
 *
 * <p>Thread-safe. Meters are registered on first use and then found in a small cache, so an event
 * costs a map lookup and an increment.
 */
public final class MicrometerEventListener implements SecurityEventListener {
  /** The outcome counter's name. */
  public static final String OUTCOMES = "portcullis.auth.outcomes";
  /** The verification timer's name. */
  public static final String VERIFICATIONS = "portcullis.auth.verification";
  /** The credential life-cycle counter's name. */
  public static final String CREDENTIALS = "portcullis.credentials.events";

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  /** A listener registering its meters in {@code registry}. */
  public MicrometerEventListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(SecurityEvent event) {
    if (event instanceof SecurityEvent.Authenticated e) {
      outcome("authenticated", e.scheme(), null, 200);
      time(e.scheme(), "authenticated", e.nanos());
    } else if (event instanceof SecurityEvent.Refused e) {
      outcome("refused", e.scheme(), e.reason(), e.reason().status());
      if (e.scheme() != null) {
        time(e.scheme(), "refused", e.nanos());
      }
    } else if (event instanceof SecurityEvent.Throttled e) {
      outcome("throttled", e.scheme(), Reason.THROTTLED, Reason.THROTTLED.status());
    } else if (event instanceof SecurityEvent.Forbidden e) {
      outcome("forbidden", e.scheme(), null, 403);
    } else if (event instanceof SecurityEvent.StoreUnavailable e) {
      outcome("store_unavailable", e.scheme(), Reason.UNAVAILABLE, Reason.UNAVAILABLE.status());
    } else {
      String kind = event.kind();
      counters.computeIfAbsent("c|" + kind, k -> Counter.builder(CREDENTIALS)
          .description("API token and key life-cycle events")
          .tag("event", kind).register(registry)).increment();
    }
  }

  private void outcome(String outcome, @Nullable String scheme, @Nullable Reason reason, int status) {
    String s = scheme == null || scheme.isEmpty() ? "none" : scheme;
    String r = reason == null ? "none" : reason.name().toLowerCase(Locale.ROOT);
    String key = outcome + '|' + s + '|' + r;
    Counter c = counters.get(key);
    if (c == null) {
      c = counters.computeIfAbsent(key, k -> Counter.builder(OUTCOMES)
          .description("Authentication outcomes by scheme, reason and status")
          .tag("outcome", outcome).tag("scheme", s).tag("reason", r).tag("status", Integer.toString(status))
          .register(registry));
    }
    c.increment();
  }

  private void time(String scheme, String outcome, long nanos) {
    String key = scheme + '|' + outcome;
    Timer t = timers.get(key);
    if (t == null) {
      t = timers.computeIfAbsent(key, k -> Timer.builder(VERIFICATIONS)
          .description("Time a scheme took to verify credentials")
          .tag("scheme", scheme).tag("outcome", outcome).register(registry));
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "MicrometerEventListener[" + registry.getClass().getSimpleName() + "]";
  }
}
