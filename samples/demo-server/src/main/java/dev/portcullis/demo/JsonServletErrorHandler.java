package dev.portcullis.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * The servlet context's error handler: {@code sendError} and uncaught exceptions inside the context
 * become the demo's JSON error body, whatever the method (Jetty's default writes one for GET, POST
 * and HEAD only); a 5xx says nothing about its cause and no stack is ever shown.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonServletErrorHandler extends ErrorHandler {

  public JsonServletErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  /** Every method gets the body, not only GET, POST and HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateAcceptableResponse(ServletContextRequest baseRequest,
      HttpServletRequest request, HttpServletResponse response, int code, String message)
      throws IOException {
    byte[] body = ErrorBodies.forStatus(code, message).getBytes(StandardCharsets.UTF_8);
    response.setContentType(ErrorBodies.JSON);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
