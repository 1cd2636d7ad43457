package dev.portcullis.demo.catalog;

import dev.portcullis.demo.ErrorBodies;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a catalog request's body (at most {@link #MAX_BYTES}) before the application sees it.
 *
 * <p>Why: the authentication and authorization filters refuse a request before JAX-RS reads its
 * entity. When the client sends the body after the headers (the JDK HttpClient does), Jetty finds
 * the body unread once the refusal is already committed and closes the connection without saying
 * {@code Connection: close}; the client's next request on that kept-alive connection then fails.
 * Reading the small body first keeps the connection usable. A larger body gets 413 at once, with
 * {@code Connection: close}, so no catalog request makes the server hold an unbounded document.
 *
 * <p>Mapped to the catalog's servlet only: other APIs read form parameters, which a wrapper cannot
 * re-supply. Thread-safe (stateless).
 */
final class BufferedBodyFilter implements Filter {
  static final int MAX_BYTES = 64 * 1024;

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    long declared = request.getContentLengthLong();
    boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
    if (!hasBody) {
      chain.doFilter(req, res);
      return;
    }
    if (declared > MAX_BYTES) {
      tooLarge((HttpServletResponse) res);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      tooLarge((HttpServletResponse) res);
      return;
    }
    chain.doFilter(new Buffered(request, body), res);
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    byte[] out = ErrorBodies.forStatus(413, "The body exceeds " + MAX_BYTES + " bytes.")
        .getBytes(StandardCharsets.UTF_8);
    response.setStatus(413);
    response.setHeader("Connection", "close");
    response.setContentType(ErrorBodies.JSON);
    response.setContentLength(out.length);
    response.getOutputStream().write(out);
  }

  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already buffered; read it synchronously");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String cs = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs)));
    }
  }
}
