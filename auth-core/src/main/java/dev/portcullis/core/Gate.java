package dev.portcullis.core;

import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.internal.JsonText;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the core: picks the scheme from the {@code Authorization} header, runs it,
 * and renders refusals.
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *     .scheme(new BasicTokenScheme(tokens, "catalog"))
 *     .scheme(new BearerTokenScheme(tokens, "catalog"))
 *     .requireSecure(true)
 *     .build();
 * Outcome outcome = gate.authenticate(request);
 * if (!(outcome instanceof Outcome.Authenticated ok)) {
 *   Denial d = gate.deny(request, outcome);   // 400/401/403 with every challenge
 * } else if (!ok.identity().grants().allows(needed)) {
 *   Denial d = gate.forbid(ok.identity(), needed); // 403
 * }
 * }</pre>
 *
 * <p>Rules: two {@code Authorization} headers, or a header plus credentials that another scheme
 * finds elsewhere, are refused with 400. A scheme name nobody accepts gets a 401 with every
 * challenge. A parse failure anywhere becomes a 400 whose message says what was wrong (never the
 * input). When HTTPS is required and the request is not secure, nothing is verified: 403. A store
 * that cannot be reached ({@link StoreUnavailableException}) becomes a 503: fail closed.
 *
 * <p><b>Throttling.</b> With an {@link Builder#attemptLimiter AttemptLimiter}, every scheme tells
 * the gate who its credentials claim to be before it verifies them ({@link Attempt#admit}); when the
 * {@link AttemptPolicy} says the pair, the identifier or the address has failed too often, the
 * answer is 429 with {@code Retry-After} and nothing is verified (no PBKDF2, no HMAC, no store
 * lookup of a secret). A failed guess ({@link Reason#isFailedGuess}) is recorded afterwards; a
 * success clears the pair. The client address is the peer's, or what a
 * {@link Builder#trustedProxies trusted proxy} forwarded.
 *
 * <p><b>Events.</b> {@link Builder#listener Listeners} receive a {@link SecurityEvent} per
 * authenticated, refused or throttled request, per 503 and per {@link #forbid}. With no listener
 * and no limiter the gate allocates nothing for either.
 *
 * <p>Immutable and thread-safe; build one per protection policy and share it.
 */
public final class Gate {

  private final List<Scheme> schemes;
  /** Per scheme: whether it keeps {@link Scheme#accepts}'s default (its name, ignoring case). */
  private final boolean[] acceptsByName;
  private final boolean requireSecure;
  private final @Nullable Throttle throttle;
  private final SecurityEvents events;
  private final TrustedProxies proxies;
  private final Clock clock;

  /** The limiter, its policy and the clock the policy reads; one per gate. */
  static final class Throttle {
    final AttemptLimiter limiter;
    final AttemptPolicy policy;
    final Clock clock;

    Throttle(AttemptLimiter limiter, AttemptPolicy policy, Clock clock) {
      this.limiter = limiter;
      this.policy = policy;
      this.clock = clock;
    }
  }

  private Gate(Builder b) {
    this.schemes = List.copyOf(b.schemes);
    this.acceptsByName = new boolean[schemes.size()];
    for (int i = 0; i < acceptsByName.length; i++) {
      acceptsByName[i] = keepsDefaultAccepts(schemes.get(i));
    }
    this.requireSecure = b.requireSecure;
    this.clock = b.clock;
    this.proxies = b.proxies;
    this.throttle = b.limiter == null ? null
        : new Throttle(b.limiter, b.policy != null ? b.policy : AttemptPolicy.defaults(), b.clock);
    this.events = SecurityEvents.of(b.listeners);
  }

  /** Whether {@code s} inherits {@link Scheme#accepts} (decided once, at build time). */
  private static boolean keepsDefaultAccepts(Scheme s) {
    try {
      return s.getClass().getMethod("accepts", String.class).getDeclaringClass() == Scheme.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return false; // then ask the scheme itself on every request
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The schemes, in the order their challenges are offered. */
  public List<Scheme> schemes() {
    return schemes;
  }

  /** Whether requests must arrive over HTTPS. */
  public boolean requiresSecure() {
    return requireSecure;
  }

  /** The attempt policy, or null when the gate has no limiter. */
  public @Nullable AttemptPolicy attemptPolicy() {
    return throttle == null ? null : throttle.policy;
  }

  /** Authenticates {@code request}; never throws for anything the client sent. */
  public Outcome authenticate(AuthRequest request) {
    if (throttle == null && !events.active()) {
      return decide(request, Attempt.UNLIMITED);
    }
    Attempt attempt = new Attempt(throttle, ClientAddress.of(request, proxies), events.active());
    Outcome outcome = decide(request, attempt);
    if (events.active()) {
      emit(request, attempt, outcome);
    }
    return outcome;
  }

  /**
   * Runs one authentication step that is not a protected resource's, such as the OAuth provider's
   * token endpoints (RFC 5849 §2.1, §2.3: they verify signatures too), under this gate's
   * {@link AttemptLimiter}, {@link AttemptPolicy}, trusted proxies and listeners, the way a scheme
   * runs inside {@link #authenticate}: {@code step} gets an {@link Attempt} in {@code realm}, calls
   * {@link Attempt#admit} with the claimed identifier before verifying anything and hands back the
   * throttled rejection as is; the outcome {@code outcomeOf} reads from its result is then recorded
   * (a failed guess counts, a success clears what the policy says) and published as an event.
   * Without limiter and listener the step gets an attempt that admits everything and records
   * nothing, so the step behaves as if it ran alone.
   *
   * <pre>{@code
   * ProviderResult r = gate.guard(request, "OAuth", attempt -> flow.run(request, attempt), Step::outcome);
   * }</pre>
   *
   * @param realm the {@link dev.portcullis.core.spi.AttemptKey#realm()}; the scheme's name, so that
   *     guesses at the endpoints and at the resources share one record
   * @param step the work; it must call {@link Attempt#admit} before verifying any credential
   * @param outcomeOf what the step's result means: {@link Outcome.Authenticated} for a success,
   *     {@link Outcome.Rejected} for a refusal
   * @return what {@code step} returned
   * @throws StoreUnavailableException if the limiter cannot be reached, or whatever {@code step}
   *     throws; nothing is recorded then (the caller answers 503, or 400 for a malformed request)
   */
  public <R> R guard(AuthRequest request, String realm, Function<? super Attempt, ? extends R> step,
      Function<? super R, ? extends Outcome> outcomeOf) {
    Objects.requireNonNull(realm, "realm");
    if (throttle == null && !events.active()) {
      return step.apply(Attempt.UNLIMITED);
    }
    Attempt attempt = new Attempt(throttle, ClientAddress.of(request, proxies), events.active());
    attempt.begin(realm);
    R result = step.apply(attempt);
    Outcome outcome = outcomeOf.apply(result);
    attempt.settle(outcome);
    if (events.active()) {
      emit(request, attempt, outcome);
    }
    return result;
  }

  private Outcome decide(AuthRequest request, Attempt attempt) {
    if (requireSecure && !request.secure()) {
      return new Outcome.Rejected(Reason.HTTPS_REQUIRED, null);
    }
    try {
      List<String> authz = request.headers("Authorization");
      if (authz.size() > 1) {
        return new Outcome.Rejected(Reason.DUPLICATE_CREDENTIALS, null,
            "Send exactly one Authorization header.");
      }
      if (authz.isEmpty()) {
        for (Scheme s : schemes) {
          attempt.begin(s.name());
          Outcome o = s.authenticateUnannounced(request, attempt);
          if (!(o instanceof Outcome.NoCredentials)) {
            attempt.settle(o);
            return o;
          }
        }
        return Outcome.noCredentials();
      }
      String header = authz.get(0);
      int start = 0;
      int n = header.length();
      while (start < n && (header.charAt(start) == ' ' || header.charAt(start) == '\t')) {
        start++;
      }
      int end = start;
      while (end < n && AuthParams.isTchar(header.charAt(end))) {
        end++;
      }
      if (end == start || end < n && header.charAt(end) != ' ' && header.charAt(end) != '\t') {
        return new Outcome.Rejected(Reason.MALFORMED_HEADER, null,
            "The Authorization header must start with an authentication scheme name.");
      }
      int rest = end;
      while (rest < n && (header.charAt(rest) == ' ' || header.charAt(rest) == '\t')) {
        rest++;
      }
      Scheme chosen = null;
      String name = null;
      for (int i = 0; i < acceptsByName.length; i++) {
        Scheme s = schemes.get(i);
        boolean accepted;
        if (acceptsByName[i]) {
          // what the default accepts decides, read in place: no substring per request
          String own = s.name();
          accepted = own.length() == end - start && header.regionMatches(true, start, own, 0, own.length());
        } else {
          if (name == null) {
            name = header.substring(start, end);
          }
          accepted = s.accepts(name);
        }
        if (accepted) {
          chosen = s;
          break;
        }
      }
      if (chosen == null) {
        return new Outcome.Rejected(Reason.UNSUPPORTED_SCHEME, null);
      }
      for (Scheme s : schemes) {
        // A presence test, not a verification: a request refused here must not spend a nonce.
        if (s != chosen && s.carriesUnannouncedCredentials(request)) {
          return new Outcome.Rejected(Reason.DUPLICATE_CREDENTIALS, null,
              "The request carries credentials for two schemes; send one.");
        }
      }
      attempt.begin(chosen.name());
      Outcome o = chosen.authenticate(request, header, rest, attempt);
      attempt.settle(o);
      return o;
    } catch (MalformedException e) {
      return new Outcome.Rejected(Reason.MALFORMED_REQUEST, null, e.getMessage());
    } catch (BodyTooLargeException e) {
      return new Outcome.Rejected(Reason.BODY_TOO_LARGE, null);
    } catch (StoreUnavailableException e) {
      // Fail closed: a store we cannot reach never lets a request through, whichever scheme asked.
      return new Outcome.Rejected(Reason.UNAVAILABLE, null);
    }
  }

  private void emit(AuthRequest request, Attempt attempt, Outcome outcome) {
    if (outcome instanceof Outcome.NoCredentials) {
      return;
    }
    SecurityEvent event;
    java.time.Instant at = clock.instant();
    String id = requestId(request);
    if (outcome instanceof Outcome.Authenticated ok) {
      Identity who = ok.identity();
      event = new SecurityEvent.Authenticated(at, id, who.scheme(), who.subject(), who.application(),
          attempt.address(), attempt.nanos());
    } else {
      Outcome.Rejected r = (Outcome.Rejected) outcome;
      String scheme = r.scheme();
      if (r.reason() == Reason.THROTTLED) {
        event = new SecurityEvent.Throttled(at, id, scheme == null ? "" : scheme, attempt.identifier(),
            attempt.address(), r.retryAfterSeconds());
      } else if (r.reason() == Reason.UNAVAILABLE) {
        event = new SecurityEvent.StoreUnavailable(at, id, scheme, attempt.address());
      } else {
        event = new SecurityEvent.Refused(at, id, scheme, r.reason(), attempt.identifier(),
            attempt.address(), scheme == null ? 0 : attempt.nanos());
      }
    }
    publish(event);
  }

  private void publish(SecurityEvent event) {
    // the answer is decided already; a broken listener is logged and must not change it
    events.publish(event);
  }

  /** The request's well-formed {@code X-Request-Id}, else a fresh random one. */
  static String requestId(AuthRequest request) {
    String given = request.header("X-Request-Id");
    if (given != null && !given.isEmpty() && given.length() <= 64) {
      boolean ok = true;
      for (int i = 0; i < given.length() && ok; i++) {
        char c = given.charAt(i);
        ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
      }
      if (ok) {
        return given;
      }
    }
    // a correlation id, not a secret: ThreadLocalRandom is enough
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /**
   * Renders a refusal for an outcome that is not {@link Outcome.Authenticated}: 401 with every
   * scheme's challenge for no or refused credentials, 429 with {@code Retry-After} for a
   * throttled attempt, the rejection's own status otherwise.
   *
   * @throws IllegalArgumentException if {@code outcome} is {@link Outcome.Authenticated}
   */
  public Denial deny(AuthRequest request, Outcome outcome) {
    if (outcome instanceof Outcome.Authenticated) {
      throw new IllegalArgumentException("cannot deny an authenticated outcome");
    }
    Outcome.Rejected rejected = outcome instanceof Outcome.Rejected r ? r : null;
    int status = rejected == null ? 401 : rejected.status();
    List<Header> headers = new ArrayList<>(4);
    if (rejected != null && rejected.retryAfterSeconds() > 0) {
      headers.add(new Header("Retry-After", Long.toString(rejected.retryAfterSeconds())));
    } else if (status == 503) {
      headers.add(new Header("Retry-After", "5"));
    }
    if (status == 401) {
      for (Scheme s : schemes) {
        Outcome.Rejected cause = rejected != null && s.name().equals(rejected.scheme()) ? rejected : null;
        for (String c : s.challenges(request, cause)) {
          headers.add(new Header("WWW-Authenticate", c));
        }
      }
    }
    Denial.Body body = null;
    if (rejected != null && rejected.scheme() != null) {
      Scheme owner = find(rejected.scheme());
      if (owner != null) {
        body = owner.rejectionBody(rejected);
      }
    }
    if (body == null) {
      body = rejected == null
          ? json(401, "unauthorized", "Authentication is required.")
          : json(status, rejected.reason().code(), rejected.message());
    }
    return new Denial(status, headers, body);
  }

  /** Renders a 403 for an authenticated identity that lacks {@code requirement}. */
  public Denial forbid(Identity identity, Requirement requirement) {
    if (events.active()) {
      publish(new SecurityEvent.Forbidden(clock.instant(), null, identity.scheme(), identity.subject(),
          requirement.scopeLabel(), requirement.resource()));
    }
    List<Header> headers = new ArrayList<>(1);
    Scheme owner = find(identity.scheme());
    if (owner != null) {
      for (String c : owner.insufficientScope(identity, requirement)) {
        headers.add(new Header("WWW-Authenticate", c));
      }
    }
    String message = requirement.resource() == null
        ? "These credentials lack the permission " + requirement.scopeLabel() + "."
        : "These credentials lack the permission " + requirement.scopeLabel() + " for "
            + requirement.resource() + ".";
    return new Denial(403, headers, json(403, "insufficient_scope", message));
  }

  private @Nullable Scheme find(String name) {
    for (Scheme s : schemes) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static Denial.Body json(int status, String error, String message) {
    return new Denial.Body(Denial.Body.JSON, JsonText.error(status, error, message));
  }

  /** Builds a {@link Gate}; every setting but {@link #scheme} and {@link #listener} may be given once. Not thread-safe. */
  public static final class Builder {
    private final List<Scheme> schemes = new ArrayList<>();
    private final List<SecurityEventListener> listeners = new ArrayList<>();
    private final EnumSet<Setting> given = EnumSet.noneOf(Setting.class);
    private boolean requireSecure;
    private @Nullable AttemptLimiter limiter;
    private @Nullable AttemptPolicy policy;
    private TrustedProxies proxies = TrustedProxies.none();
    private Clock clock = Clock.systemUTC();

    private enum Setting { REQUIRE_SECURE, ATTEMPT_LIMITER, ATTEMPT_POLICY, TRUSTED_PROXIES, CLOCK }

    private Builder() {}

    private void once(Setting s) {
      if (!given.add(s)) {
        throw new IllegalStateException(s.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " was already set");
      }
    }

    /**
     * Adds a scheme; challenges are offered in the order schemes are added.
     *
     * @throws IllegalArgumentException if a scheme of the same name was already added
     */
    public Builder scheme(Scheme scheme) {
      Objects.requireNonNull(scheme, "scheme");
      for (Scheme s : schemes) {
        if (s.name().equalsIgnoreCase(scheme.name())) {
          throw new IllegalArgumentException("scheme " + scheme.name() + " added twice");
        }
      }
      schemes.add(scheme);
      return this;
    }

    /**
     * Refuse (403) requests that did not arrive over HTTPS, before looking at credentials.
     *
     * @throws IllegalStateException if already set
     */
    public Builder requireSecure(boolean requireSecure) {
      once(Setting.REQUIRE_SECURE);
      this.requireSecure = requireSecure;
      return this;
    }

    /**
     * Throttles failed attempts through {@code limiter} (429 before verifying); none by default.
     *
     * @throws IllegalStateException if already set
     */
    public Builder attemptLimiter(AttemptLimiter limiter) {
      once(Setting.ATTEMPT_LIMITER);
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * The throttling policy; {@link AttemptPolicy#defaults()} unless set. Needs an
     * {@link #attemptLimiter}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder attemptPolicy(AttemptPolicy policy) {
      once(Setting.ATTEMPT_POLICY);
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The proxies whose {@code Forwarded: for=} / {@code X-Forwarded-For} name the client address
     * that throttling and events use; none by default (the peer's address counts). Use the same
     * list as the adapter's options.
     *
     * @throws IllegalStateException if already set
     */
    public Builder trustedProxies(TrustedProxies proxies) {
      once(Setting.TRUSTED_PROXIES);
      this.proxies = Objects.requireNonNull(proxies, "proxies");
      return this;
    }

    /**
     * The clock throttling and events read; the system's UTC clock unless set.
     *
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      once(Setting.CLOCK);
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a listener for {@link SecurityEvent}s; listeners are called in the order added.
     *
     * @throws IllegalArgumentException if the same listener was already added
     */
    public Builder listener(SecurityEventListener listener) {
      Objects.requireNonNull(listener, "listener");
      for (SecurityEventListener l : listeners) {
        if (l == listener) {
          throw new IllegalArgumentException("listener added twice");
        }
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Builds the gate.
     *
     * @throws IllegalStateException if no scheme was added, or a policy was given without limiter
     */
    public Gate build() {
      if (schemes.isEmpty()) {
        throw new IllegalStateException("a gate needs at least one scheme");
      }
      if (policy != null && limiter == null) {
        throw new IllegalStateException("an attempt policy needs an attempt limiter");
      }
      return new Gate(this);
    }
  }
}
