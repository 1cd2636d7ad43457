package dev.portcullis.bench.adapter;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * The least an {@code HttpServletResponse} must do for {@code AuthFilter}'s success path: status
 * and headers, the last header kept only (the benchmark checks status and that headers were set).
 * Anything else throws. Not thread-safe.
 */
public final class BenchServletResponse extends HttpServletResponseWrapper {
  private static final HttpServletResponse UNSUPPORTED = (HttpServletResponse) Proxy.newProxyInstance(
      BenchServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
      (proxy, method, args) -> {
        throw new UnsupportedOperationException("BenchServletResponse does not answer " + method.getName());
      });

  private int status = 200;
  private int headerCount;
  private @Nullable String lastHeader;

  public BenchServletResponse() {
    super(UNSUPPORTED);
  }

  @Override public void setStatus(int sc) { status = sc; }
  @Override public int getStatus() { return status; }
  @Override public boolean isCommitted() { return false; }
  @Override public void setHeader(String name, String value) { headerCount++; lastHeader = value; }
  @Override public void addHeader(String name, String value) { headerCount++; lastHeader = value; }

  /** How many headers the filter set. */
  public int headerCount() {
    return headerCount;
  }

  /** The last header value set, or null. */
  public @Nullable String lastHeader() {
    return lastHeader;
  }
}
