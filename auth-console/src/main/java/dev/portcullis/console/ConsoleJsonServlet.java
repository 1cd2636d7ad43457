package dev.portcullis.console;

import dev.portcullis.console.ConsoleActions.App;
import dev.portcullis.console.ConsoleActions.AppSecret;
import dev.portcullis.console.ConsoleActions.Authorized;
import dev.portcullis.console.internal.Json;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's actions as a JSON API, with the same rules as the pages (both call one
 * {@code ConsoleActions}). Mount it behind the application's own authentication (an
 * {@code AuthFilter} that lets only the account's own credential through, so a scoped token cannot
 * manage keys or applications) and say who is signed in with a {@link SignedIn}.
 *
 * <ul>
 *   <li>{@code GET /api_keys}; {@code POST /api_keys} {@code {"name": "..."}} → 201;
 *       {@code POST /api_keys/{key}/disable} and {@code .../enable} → 200
 *   <li>{@code GET /oauth_apps}; {@code POST /oauth_apps} {@code {"name": "...", "callbacks": ["oob"]}}
 *       → 201 with the consumer secret, shown only here; {@code POST /oauth_apps/{key}/rotate} → 200
 *       with the new secret
 *   <li>{@code GET /authorized_apps}; {@code DELETE /authorized_apps/{consumer key}} → 204
 * </ul>
 *
 * <p>Bad input gets 400 with {@code {"error": code, "message": ...}}, an unknown key 404, an
 * unreachable store 503; every answer is {@code no-store}. Thread-safe.
 */
public final class ConsoleJsonServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleJsonServlet.class);
  static final int MAX_BODY = 16 * 1024;

  private final transient ConsoleActions actions;
  private final transient SignedIn signedIn;

  ConsoleJsonServlet(ConsoleActions actions, SignedIn signedIn) {
    this.actions = actions;
    this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    try {
      ConsoleUser u = signedIn.of(req);
      if (u == null) {
        error(resp, 401, "unauthenticated", "Authenticate with the account's own credential.");
        return;
      }
      route(req, resp, u, req.getMethod(), path.split("/", -1));
    } catch (StoreUnavailableException e) {
      LOG.warn("console API {} failed closed: a store is unavailable", path);
      resp.setHeader("Retry-After", "5");
      error(resp, 503, "store_unavailable", "A store is unavailable; nothing was changed. Try again shortly.");
    } catch (IllegalArgumentException e) {
      // only our own parsers throw this here, with messages that carry no client text
      error(resp, 400, "malformed_body", e.getMessage() == null ? "Malformed body." : e.getMessage());
    }
  }

  private void route(HttpServletRequest req, HttpServletResponse resp, ConsoleUser u, String method, String[] p)
      throws IOException {
    // p[0] is the empty segment before the leading slash
    String head = p.length > 1 ? p[1] : "";
    if (head.equals("api_keys") && p.length == 2 && method.equals("GET")) {
      StringBuilder sb = new StringBuilder("{\"api_keys\":[");
      List<Application> keys = actions.apiKeys(u);
      for (int k = 0; k < keys.size(); k++) {
        key(k == 0 ? sb : sb.append(','), keys.get(k));
      }
      json(resp, 200, sb.append("]}").toString());
    } else if (head.equals("api_keys") && p.length == 2 && method.equals("POST")) {
      answer(resp, 201, actions.createApiKey(u, str(body(req), "name")), ConsoleJsonServlet::key);
    } else if (head.equals("api_keys") && p.length == 4 && method.equals("POST")
        && (p[3].equals("disable") || p[3].equals("enable"))) {
      answer(resp, 200, actions.setKeyEnabled(u, p[2], p[3].equals("enable")), ConsoleJsonServlet::key);
    } else if (head.equals("oauth_apps") && p.length == 2 && method.equals("GET")) {
      StringBuilder sb = new StringBuilder("{\"oauth_apps\":[");
      List<App> apps = actions.apps(u);
      for (int k = 0; k < apps.size(); k++) {
        App a = apps.get(k);
        (k == 0 ? sb : sb.append(',')).append("{\"consumer_key\":");
        Json.string(sb, a.consumer().key()).append(",\"name\":");
        Json.string(sb, a.consumer().displayName()).append(",\"app_id\":");
        Json.string(sb, a.appId()).append(",\"callbacks\":[");
        for (int c = 0; c < a.consumer().callbacks().size(); c++) {
          Json.string(c == 0 ? sb : sb.append(','), a.consumer().callbacks().get(c));
        }
        sb.append("]}");
      }
      json(resp, 200, sb.append("]}").toString());
    } else if (head.equals("oauth_apps") && p.length == 2 && method.equals("POST")) {
      Map<String, Object> body = body(req);
      Object cbs = body.get("callbacks");
      if (cbs != null && !(cbs instanceof List)) {
        error(resp, 400, "callbacks_invalid", "callbacks must be an array of strings.");
        return;
      }
      @SuppressWarnings("unchecked")
      String lines = cbs == null ? "" : String.join("\n", (List<String>) cbs);
      answer(resp, 201, actions.registerApp(u, str(body, "name"), lines), ConsoleJsonServlet::secret);
    } else if (head.equals("oauth_apps") && p.length == 4 && method.equals("POST") && p[3].equals("rotate")) {
      answer(resp, 200, actions.rotateSecret(u, p[2]), ConsoleJsonServlet::secret);
    } else if (head.equals("authorized_apps") && p.length == 2 && method.equals("GET")) {
      StringBuilder sb = new StringBuilder("{\"authorized_apps\":[");
      List<Authorized> list = actions.authorized(u);
      for (int k = 0; k < list.size(); k++) {
        Authorized a = list.get(k);
        (k == 0 ? sb : sb.append(',')).append("{\"consumer_key\":");
        Json.string(sb, a.consumerKey()).append(",\"name\":");
        Json.string(sb, a.name()).append(",\"access_tokens\":").append(a.tokens()).append(",\"since\":");
        Json.string(sb, a.since().toString()).append('}');
      }
      json(resp, 200, sb.append("]}").toString());
    } else if (head.equals("authorized_apps") && p.length == 3 && method.equals("DELETE")) {
      if (actions.revokeAuthorized(u, p[2]) == 0) {
        error(resp, 404, "not_authorized", "You have not authorized this application.");
      } else {
        resp.setStatus(204);
      }
    } else if (head.equals("api_keys") || head.equals("oauth_apps") || head.equals("authorized_apps")) {
      error(resp, 405, "method_not_allowed", "This method is not allowed here.");
    } else {
      error(resp, 404, "not_found", "No such console API endpoint.");
    }
  }

  private interface Writer<T> {
    void write(StringBuilder sb, T value);
  }

  private static <T> void answer(HttpServletResponse resp, int status, Result<T> r, Writer<T> writer) throws IOException {
    if (r instanceof Result.Ok<T> ok) {
      StringBuilder sb = new StringBuilder();
      writer.write(sb, ok.value());
      json(resp, status, sb.toString());
    } else {
      Result.Refused<T> no = (Result.Refused<T>) r;
      error(resp, no.status(), no.code(), no.message());
    }
  }

  private static void key(StringBuilder sb, Application a) {
    sb.append("{\"api_key\":");
    Json.string(sb, a.apiKey()).append(",\"name\":");
    Json.string(sb, a.name()).append(",\"enabled\":").append(a.enabled()).append('}');
  }

  private static void secret(StringBuilder sb, AppSecret s) {
    sb.append("{\"consumer_key\":");
    Json.string(sb, s.consumerKey()).append(",\"consumer_secret\":");
    Json.string(sb, s.secret()).append(",\"app_id\":");
    Json.string(sb, s.appId()).append(",\"name\":");
    Json.string(sb, s.name()).append('}');
  }

  private static Map<String, Object> body(HttpServletRequest req) throws IOException {
    String type = req.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new IllegalArgumentException("Send the body as application/json.");
    }
    byte[] bytes;
    try (InputStream in = req.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new IllegalArgumentException("The body is larger than " + MAX_BODY + " bytes.");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return Json.object(text);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("The body is not UTF-8.");
    }
  }

  private static @Nullable String str(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(name + " must be a string.");
    }
    return (String) v;
  }

  private static void json(HttpServletResponse resp, int status, String body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(b.length);
    resp.getOutputStream().write(b);
  }

  private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
    StringBuilder sb = new StringBuilder("{\"error\":");
    Json.string(sb, code).append(",\"message\":");
    Json.string(sb, message).append('}');
    json(resp, status, sb.toString());
  }
}
