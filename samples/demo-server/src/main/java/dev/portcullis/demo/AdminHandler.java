package dev.portcullis.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the admin connector and the public ones apart: a request that arrived on the connector
 * named {@value #CONNECTOR} gets only {@code GET /metrics} (Prometheus text) or a JSON 404, and
 * never reaches the APIs; requests on the other connectors pass through and never see
 * {@code /metrics}. Thread-safe.
 */
final class AdminHandler extends Handler.Wrapper {
  static final String CONNECTOR = "admin";

  private final PrometheusMeterRegistry registry;

  AdminHandler(PrometheusMeterRegistry registry, Handler next) {
    super(next);
    this.registry = registry;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName())) {
      return super.handle(request, response, callback);
    }
    String path = Request.getPathInContext(request);
    boolean get = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
    if (get && path.equals("/metrics")) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, StandardCharsets.UTF_8.encode(registry.scrape()), callback);
      return true;
    }
    response.setStatus(404);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
    response.write(true, StandardCharsets.UTF_8.encode(
        "{\"status\":404,\"error\":\"not_found\",\"message\":\"The admin port serves GET /metrics only.\"}"),
        callback);
    return true;
  }
}
