package dev.portcullis.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-level error handler: answers every error Jetty raises outside a servlet (a header
 * block that is too large, a request line or header that does not parse, an ambiguous URI) with
 * the demo's JSON error body, whatever the client accepts and whatever the method (Jetty's own
 * handler writes a body for GET, POST and HEAD only, so a {@code PUT} with an illegal URI got an
 * empty 400), and never with a stack trace. Jetty closes an HTTP/1 connection after an error it
 * raises itself (the request may not even have been read to its end), so the response says
 * {@code Connection: close} (RFC 9112 section 9.6) instead of leaving the client to find out.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonErrorHandler extends ErrorHandler {

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  /** Every method gets the body, not only GET, POST and HEAD (a HEAD response still sends none). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) throws IOException {
    byte[] body = ErrorBodies.forStatus(code, message).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBodies.JSON);
    response.getHeaders().put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    if (request.getConnectionMetaData().getHttpVersion().getVersion() < HttpVersion.HTTP_2.getVersion()) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
