package dev.portcullis.core.access;

import dev.portcullis.core.http.MalformedException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request values an {@link AccessDecision} may need, supplied by an adapter (the way Jetty's
 * {@code ConstraintSecurityHandler} supplies only {@code getConstraint} to {@code SecurityHandler}).
 * Every lookup returns all values, so that a repeated value is seen and refused.
 */
public interface RequestValues {
  /**
   * Every decoded value the named path template variable matched (normally zero or one).
   *
   * @throws MalformedException if the adapter finds the segment's percent-encoding invalid
   */
  List<String> pathVariable(String name);

  /** The raw (still percent-encoded) query string, without {@code ?}; null when there is none. */
  @Nullable String rawQuery();

  /** Every value of the named header, one per header line, in order; empty when absent. */
  List<String> headers(String name);
}
