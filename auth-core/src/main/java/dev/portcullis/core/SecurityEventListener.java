package dev.portcullis.core;

/**
 * Receives {@link SecurityEvent}s: an audit log, a metrics registry, an alerting hook.
 *
 * <pre>{@code
 * Gate gate = Gate.builder().scheme(digest).listener(new AuditLogListener()).build();
 * }</pre>
 *
 * <p>Called on the request thread, synchronously, after the decision is made: keep it quick and
 * hand slow work to a queue. An exception thrown here is logged by the gate (through
 * {@link System.Logger}, with its stack trace) and never changes the answer the client gets.
 * Implementations must be thread-safe: one instance serves every request.
 */
@FunctionalInterface
public interface SecurityEventListener {

  /** One event; never null. */
  void onEvent(SecurityEvent event);
}
