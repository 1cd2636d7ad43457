package dev.portcullis.demo.catalog;

import dev.portcullis.demo.ErrorBodies;
import dev.portcullis.servlet.ReplayedBodyRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Caps a catalog request's body at {@link #MAX_BYTES}, answering 413 for a larger one, so no catalog
 * request makes the server parse an unbounded document.
 *
 * <p>A declared {@code Content-Length} over the cap is refused before a byte is read, with
 * {@code Connection: close}: reading it would be the unbounded work the cap exists to avoid, so a
 * client still sending it may see the connection reset (one that sends
 * {@code Expect: 100-continue} gets the 413 before it sends anything). A body of declared length
 * within the cap passes untouched: Jersey reads it, or, if the request is refused, the adapter
 * swallows it. A chunked body has no length to check, so it is read here, at most
 * {@code MAX_BYTES + 1} bytes, and replayed.
 *
 * <p>Mapped to the catalog's servlet only. Thread-safe (stateless).
 */
final class BodyCapFilter implements Filter {
  static final int MAX_BYTES = 64 * 1024;

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    long declared = request.getContentLengthLong();
    if (declared > MAX_BYTES) {
      tooLarge((HttpServletResponse) res);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      tooLarge((HttpServletResponse) res);
      return;
    }
    chain.doFilter(new ReplayedBodyRequest(request, body), res);
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
}
