package dev.portcullis.demo;

import dev.portcullis.core.SecurityEventListener;
import java.util.List;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.micrometer.MicrometerEventListener;
import dev.portcullis.servlet.AuditLogListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The demo's abuse protection and observability, shared by every API: one in-memory attempt
 * limiter with the default {@link dev.portcullis.core.AttemptPolicy} (so 429 after 5 wrong
 * passwords for one user from one address), the audit log ({@link AuditLogListener}) and a
 * Prometheus registry fed by {@link MicrometerEventListener}, scraped on the admin port.
 *
 * <p>Thread-safe.
 */
public final class DemoSecurity {
  private final AttemptLimiter limiter;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerEventListener metrics = new MicrometerEventListener(registry);
  private final AuditLogListener audit = new AuditLogListener();

  /** Counts failed attempts in {@code limiter}: the stores' shared one, so every node sees them. */
  DemoSecurity(AttemptLimiter limiter) {
    this.limiter = limiter;
  }

  Gate.Builder configure(Gate.Builder gate, TrustedProxies proxies, Clock clock) {
    return gate.attemptLimiter(limiter).trustedProxies(proxies).clock(clock).listener(audit).listener(metrics);
  }

  /** The limiter every gate and sign-in page counts failures in. */
  public AttemptLimiter limiter() {
    return limiter;
  }

  /** The listeners (audit log, metrics) every gate, token service and the console publish to. */
  public List<SecurityEventListener> listeners() {
    return List.of(audit, metrics);
  }

  /** The metrics registry the admin port serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
