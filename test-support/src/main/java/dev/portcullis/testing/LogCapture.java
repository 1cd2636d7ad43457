package dev.portcullis.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything written to {@code System.err} while open, so a test can assert what the logs
 * said (slf4j-simple, the test logger, writes there and looks {@code System.err} up on every line).
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   client.send(request, ofString());
 *   assertThat(logs.text()).doesNotContain(token);
 * }
 * }</pre>
 *
 * <p>Lines still go to the original stream too. Thread-safe for writers; one capture at a time.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private LogCapture() {
    original = System.err;
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (buffer) {
          buffer.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (buffer) {
          buffer.write(b, off, len);
        }
        original.write(b, off, len);
      }

      @Override
      public void flush() {
        original.flush();
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Everything captured so far. */
  public String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  /** Restores the original {@code System.err}. */
  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
