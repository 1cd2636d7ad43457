package dev.portcullis.core.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one failure policy's log record: an unexpected exception with its full stack trace (and its
 * causes' and suppressed ones') but without any message, since a scheme's or store's message may
 * quote what the client sent (a token, a password, a signature). Adapters log
 * {@code RedactedFailure.of(e)} with SLF4J and answer {@link dev.portcullis.core.Denial#serverError()}.
 *
 * <pre>{@code
 * } catch (RuntimeException e) {
 *   LOG.error("authentication failed unexpectedly on {} {}", method, path, RedactedFailure.of(e));
 *   // write Denial.serverError()
 * }
 * }</pre>
 */
public final class RedactedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private RedactedFailure(String type, @Nullable Throwable cause) {
    super(type + " (message withheld)", cause, true, true);
  }

  /** {@code e}'s class names and stack frames, with every message removed. */
  public static RedactedFailure of(Throwable e) {
    return copy(e, new IdentityHashMap<>());
  }

  private static RedactedFailure copy(Throwable e, Map<Throwable, RedactedFailure> seen) {
    RedactedFailure done = seen.get(e);
    if (done != null) {
      return done;
    }
    Throwable cause = e.getCause();
    RedactedFailure r = new RedactedFailure(e.getClass().getName(),
        cause == null || cause == e || seen.containsKey(cause) ? null : copy(cause, withSelf(seen, e)));
    r.setStackTrace(e.getStackTrace());
    seen.put(e, r);
    for (Throwable s : e.getSuppressed()) {
      if (!seen.containsKey(s)) {
        r.addSuppressed(copy(s, seen));
      }
    }
    return r;
  }

  private static Map<Throwable, RedactedFailure> withSelf(Map<Throwable, RedactedFailure> seen, Throwable e) {
    // Marks e as in progress so a cause cycle stops here.
    seen.putIfAbsent(e, null);
    return seen;
  }
}
