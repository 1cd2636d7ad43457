package dev.portcullis.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The listeners a component outside the gate publishes to (token administration, the console), with
 * the gate's failure rule: a listener that throws is logged, with its stack trace, through
 * {@link System.Logger}, and never changes what the caller does. Immutable and thread-safe.
 *
 * <pre>{@code
 * SecurityEvents events = SecurityEvents.of(List.of(new AuditLogListener(), metrics));
 * events.publish(new SecurityEvent.TokenRevoked(clock.instant(), null, account, tokenId, account));
 * }</pre>
 */
public final class SecurityEvents {
  private static final System.Logger LOG = System.getLogger(SecurityEvents.class.getName());
  private static final SecurityEvents NONE = new SecurityEvents(List.of());

  private final List<SecurityEventListener> listeners;

  private SecurityEvents(List<SecurityEventListener> listeners) {
    this.listeners = listeners;
  }

  /** No listener: {@link #publish} does nothing. */
  public static SecurityEvents none() {
    return NONE;
  }

  /**
   * Publishes to {@code listeners}, in order.
   *
   * @throws IllegalArgumentException if a listener is given twice
   */
  public static SecurityEvents of(List<SecurityEventListener> listeners) {
    List<SecurityEventListener> copy = new ArrayList<>(listeners.size());
    for (SecurityEventListener l : listeners) {
      Objects.requireNonNull(l, "listener");
      for (SecurityEventListener seen : copy) {
        if (seen == l) {
          throw new IllegalArgumentException("listener " + l.getClass().getName() + " was added twice");
        }
      }
      copy.add(l);
    }
    return copy.isEmpty() ? NONE : new SecurityEvents(List.copyOf(copy));
  }

  /** Whether anyone listens (so a caller can skip building an event). */
  public boolean active() {
    return !listeners.isEmpty();
  }

  /** Hands {@code event} to every listener. */
  public void publish(SecurityEvent event) {
    for (SecurityEventListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        // what the caller did is done; a broken listener must not undo it, but must be seen
        LOG.log(System.Logger.Level.WARNING, "security event listener " + l.getClass().getName()
            + " failed on a " + event.kind() + " event", e);
      }
    }
  }

  @Override
  public String toString() {
    return "SecurityEvents[" + listeners.size() + " listeners]";
  }
}
