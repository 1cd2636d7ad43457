package dev.portcullis.core.internal;

import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.MalformedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The one body policy of every adapter: how a body a scheme needs is buffered (bounded by
 * {@link AdapterOptions#maxBodyBytes()}), and how the unread body of a refused request is swallowed
 * (bounded by {@link AdapterOptions#swallowLimit()}). The adapters only hand over their stream.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoundedBody {
  /** Opens a request's body stream; may fail as the container's own method does. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  private BoundedBody() {}

  /**
   * Reads the whole body, at most {@code max} bytes. The stream is not closed: the container owns it.
   *
   * @param declaredLength the declared {@code Content-Length}, or a negative number if none
   * @throws BodyTooLargeException if the declared or actual length exceeds {@code max}; nothing is
   *     read when the declared length already does
   * @throws MalformedException if the stream breaks off (a truncated or badly chunked upload is bad
   *     input, not a server fault)
   */
  public static byte[] read(Source source, long declaredLength, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    if (declaredLength > max) {
      throw new BodyTooLargeException(max);
    }
    int initial = declaredLength > 0 ? (int) declaredLength : 256;
    byte[] buf = new byte[Math.min(initial, Math.max(max, 1)) + 1];
    int len = 0;
    try {
      InputStream in = source.open();
      while (true) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min((long) max + 1, len * 2L));
        }
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          break;
        }
        len += r;
        if (len > max) {
          throw new BodyTooLargeException(max);
        }
      }
    } catch (IOException e) {
      throw new MalformedException("The request body could not be read completely.");
    }
    return Arrays.copyOf(buf, len);
  }

  /**
   * Reads and discards what is left of a refused request's body, at most {@code limit} bytes, and
   * says whether the connection may carry another request.
   *
   * <p>Nothing is read, and false returned, when the declared length is over the limit, or when the
   * client sent {@code Expect: 100-continue} and nobody has asked for the body yet: reading would
   * send "100 Continue" and invite the very upload being refused (RFC 9110 section 10.1.1). A body
   * that breaks off, or whose stream the application already took, also gives false.
   *
   * @param declaredLength the declared {@code Content-Length}, or a negative number if none
   * @param chunked whether a {@code Transfer-Encoding} was sent (a body of unknown length)
   * @param expect the {@code Expect} header, or null
   * @param opened whether an adapter already started reading the body (100-continue was answered)
   * @return true if the body was absent or fully swallowed, false if the connection must close
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static boolean swallow(Source source, long declaredLength, boolean chunked,
      @Nullable String expect, boolean opened, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("swallowLimit must not be negative");
    }
    if (declaredLength <= 0 && !chunked) {
      return true;
    }
    if (!opened && expect != null && expect.trim().equalsIgnoreCase("100-continue")) {
      return false;
    }
    if (declaredLength > limit) {
      return false;
    }
    byte[] sink = new byte[(int) Math.min(8192, limit + 1L)];
    long total = 0;
    try {
      InputStream in = source.open();
      int n;
      while ((n = in.read(sink, 0, (int) Math.min(sink.length, limit + 1L - total))) > 0) {
        total += n;
        if (total > limit) {
          return false;
        }
      }
    } catch (IOException | IllegalStateException e) {
      // A broken upload, or the application took the reader: either way the rest is unknown.
      return false;
    }
    return true;
  }
}
