package dev.portcullis.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-level error handler: answers every error Jetty raises outside a servlet (a header
 * block that is too large, a request line or header that does not parse, an ambiguous URI) with
 * the demo's JSON error body, whatever the client accepts, and never with a stack trace.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonErrorHandler extends ErrorHandler {

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) throws IOException {
    byte[] body = ErrorBodies.forStatus(code, message).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBodies.JSON);
    response.getHeaders().put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
