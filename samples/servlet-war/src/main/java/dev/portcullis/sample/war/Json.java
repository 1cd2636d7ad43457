package dev.portcullis.sample.war;

import dev.portcullis.core.Identity;
import dev.portcullis.servlet.AuthFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Small JSON answers for the sample servlets, with who the container says is calling. */
final class Json {
  private final StringBuilder sb = new StringBuilder(128).append('{');

  Json field(String name, @Nullable String value) {
    key(name);
    if (value == null) {
      sb.append("null");
    } else {
      string(value);
    }
    return this;
  }

  Json raw(String name, String json) {
    key(name);
    sb.append(json);
    return this;
  }

  /**
   * What the servlet API reports about the caller: the principal, the auth type, two role checks,
   * and the scheme and application from the identity the filter left in the request.
   */
  Json caller(HttpServletRequest req) {
    Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    Json c = new Json()
        .field("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName())
        .field("remote_user", req.getRemoteUser())
        .field("auth_type", req.getAuthType())
        .raw("in_role_account", String.valueOf(req.isUserInRole("account")))
        .raw("in_role_token", String.valueOf(req.isUserInRole("token")))
        .field("scheme", id == null ? null : id.scheme())
        .field("application", id == null ? null : id.application());
    return raw("caller", c.toString());
  }

  void send(HttpServletResponse resp, int status) throws IOException {
    byte[] bytes = toString().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json; charset=UTF-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private void key(String name) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    string(name);
    sb.append(':');
  }

  @Override
  public String toString() {
    return sb + "}";
  }

  /** Appends {@code s} as a JSON string literal; the sample needs no JSON library for flat objects. */
  private void string(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
