package dev.portcullis.console;

import dev.portcullis.console.ConsoleActions.App;
import dev.portcullis.console.ConsoleActions.AppSecret;
import dev.portcullis.console.ConsoleActions.Authorized;
import dev.portcullis.console.internal.Html;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Renders the console's pages: plain HTML5 forms with a label on every field and each error next to
 * its field, no inline script or style (the Content-Security-Policy forbids both). Stateless.
 */
final class Pages {
  /** How many permission rows the token form offers; empty rows are ignored. */
  static final int PERMISSION_ROWS = 3;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** What a form sent, for showing it again with its errors; never holds a password or secret. */
  record Form(Map<String, String> values, Map<String, String> errors) {
    static final Form EMPTY = new Form(Map.of(), Map.of());

    String value(String name) {
      return values.getOrDefault(name, "");
    }

    @Nullable String error(String name) {
      return errors.get(name);
    }
  }

  private final String title;
  private final String stylesheet;
  private final String script;

  Pages(String title, String stylesheet, String script) {
    this.title = title;
    this.stylesheet = stylesheet;
    this.script = script;
  }

  String login(String base, String csrf, @Nullable String error, String username) {
    Html h = head(base, "Sign in", null, csrf);
    h.raw("<h1>Sign in</h1><form method=\"post\"").attr("action", base + "/login").raw(">");
    hidden(h, csrf);
    if (error != null) {
      h.raw("<p class=\"error\" id=\"login-error\" role=\"alert\">").text(error).raw("</p>");
    }
    h.raw("<label for=\"username\">Username</label><input type=\"text\" id=\"username\" name=\"username\""
        + " autocomplete=\"username\" required maxlength=\"200\"").attr("value", username)
        .raw(error == null ? ">" : " aria-describedby=\"login-error\">");
    h.raw("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\""
        + " autocomplete=\"current-password\" required maxlength=\"200\">");
    h.raw("<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>");
    return tail(h);
  }

  String tokens(String base, ConsoleUser u, String csrf, List<TokenInfo> tokens, List<String> scopes,
      List<String> resources, Form form, @Nullable IssuedToken issued, Instant now) {
    Html h = head(base, "API tokens", u, csrf);
    h.raw("<h1>API tokens</h1>");
    if (issued != null) {
      h.raw("<div class=\"notice\" role=\"status\"><p>Token <strong>").text(issued.info().name())
          .raw("</strong> was created. Copy its secret now: it is shown this once and never again.</p>");
      secret(h, "token-secret", "Token secret", issued.secret());
      h.raw("</div>");
    }
    h.raw("<h2>Create a token</h2><form method=\"post\"").attr("action", base + "/tokens").raw(" novalidate>");
    hidden(h, csrf);
    field(h, form, "name", "Name", "text", "maxlength=\"100\"");
    field(h, form, "expires_days", "Expires after (days, empty for never)", "number", "min=\"1\" max=\""
        + ConsoleActions.MAX_EXPIRY_DAYS + "\"");
    h.raw("<fieldset id=\"permissions\"><legend>Permissions (fill one row or more)</legend>");
    error(h, form, "permissions");
    for (int i = 0; i < PERMISSION_ROWS; i++) {
      h.raw("<div class=\"row\"><label").attr("for", "scope_" + i).raw(">Scope ").text(String.valueOf(i + 1))
          .raw("</label><select").attr("id", "scope_" + i).attr("name", "scope_" + i).raw("><option value=\"\">(unused)</option>");
      for (String s : scopes) {
        option(h, s, s, form.value("scope_" + i));
      }
      h.raw("</select> <label class=\"inline\"").attr("for", "op_" + i).raw(">Operation</label><select")
          .attr("id", "op_" + i).attr("name", "op_" + i).raw(">");
      option(h, "r", "read (r)", form.value("op_" + i));
      option(h, "w", "write (w)", form.value("op_" + i));
      option(h, "rw", "read and write (rw)", form.value("op_" + i));
      h.raw("</select><div role=\"group\"").attr("aria-label", "API keys for row " + (i + 1)).raw("> API keys: ");
      for (String r : resources) {
        String id = "res_" + i + "_" + r;
        h.raw("<input type=\"checkbox\"").attr("id", id).attr("name", "res_" + i).attr("value", r)
            .raw(form.value(id).isEmpty() ? ">" : " checked>")
            .raw("<label class=\"inline\"").attr("for", id).raw(">").text(r).raw("</label>");
      }
      h.raw("</div></div>");
    }
    h.raw("</fieldset>");
    error(h, form, "");
    h.raw("<p><button type=\"submit\" id=\"create-token\">Create token</button></p></form>");

    h.raw("<h2>Your tokens</h2><table id=\"tokens\"><thead><tr><th>Name</th><th>Id</th><th>Permissions</th>"
        + "<th>Created</th><th>Expires</th><th>Last used</th><th>Status</th><th></th></tr></thead><tbody>");
    for (TokenInfo t : tokens) {
      String status = t.revoked() ? "revoked" : t.expiredAt(now) ? "expired" : "active";
      h.raw("<tr").attr("data-token-id", t.id()).raw("><td>").text(t.name()).raw("</td><td><code>").text(t.id())
          .raw("</code></td><td>").text(permissions(t.permissions())).raw("</td><td>").text(when(t.createdAt()))
          .raw("</td><td>").text(t.expiresAt() == null ? "never" : when(t.expiresAt())).raw("</td><td>")
          .text(t.lastUsedAt() == null ? "never" : when(t.lastUsedAt())).raw("</td><td class=\"status\">")
          .text(status).raw("</td><td>");
      if (!t.revoked()) {
        postButton(h, base + "/tokens/revoke", csrf, "id", t.id(), "Revoke", "revoke-" + t.id());
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    return tail(h);
  }

  String keys(String base, ConsoleUser u, String csrf, List<Application> keys, Form form, @Nullable Application created) {
    Html h = head(base, "API keys", u, csrf);
    h.raw("<h1>API keys</h1><p class=\"muted\">Digest clients sign in as <code>{API key}%{user}</code>."
        + " A disabled key is refused at once.</p>");
    if (created != null) {
      h.raw("<div class=\"notice\" role=\"status\"><p>API key <strong>").text(created.name()).raw("</strong> was created.</p>");
      secret(h, "new-api-key", "API key", created.apiKey());
      h.raw("</div>");
    }
    h.raw("<table id=\"api-keys\"><thead><tr><th>Name</th><th>API key</th><th>Status</th><th></th></tr></thead><tbody>");
    for (Application a : keys) {
      h.raw("<tr").attr("data-api-key", a.apiKey()).raw("><td>").text(a.name()).raw("</td><td><code>").text(a.apiKey())
          .raw("</code></td><td class=\"status\">").text(a.enabled() ? "enabled" : "disabled").raw("</td><td>");
      if (a.enabled()) {
        postButton(h, base + "/keys/disable", csrf, "key", a.apiKey(), "Disable", "disable-" + a.apiKey());
      } else {
        postButton(h, base + "/keys/enable", csrf, "key", a.apiKey(), "Re-enable", "enable-" + a.apiKey());
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table><h2>Create an API key</h2><form method=\"post\"").attr("action", base + "/keys").raw(" novalidate>");
    hidden(h, csrf);
    field(h, form, "name", "Name", "text", "maxlength=\"100\"");
    h.raw("<p><button type=\"submit\" id=\"create-key\">Create API key</button></p></form>");
    return tail(h);
  }

  String apps(String base, ConsoleUser u, String csrf, List<App> apps, List<Authorized> authorized, Form form,
      @Nullable AppSecret shown) {
    Html h = head(base, "OAuth applications", u, csrf);
    h.raw("<h1>OAuth applications</h1>");
    if (shown != null) {
      h.raw("<div class=\"notice\" role=\"status\"><p>Application <strong>").text(shown.name())
          .raw("</strong>: copy the consumer secret now; it is shown this once.</p>");
      secret(h, "consumer-key", "Consumer key", shown.consumerKey());
      secret(h, "consumer-secret", "Consumer secret", shown.secret());
      if (shown.appId() != null) {
        h.raw("<p>Public App ID: <code id=\"app-id\">").text(shown.appId()).raw("</code></p>");
      }
      h.raw("</div>");
    }
    h.raw("<h2>Your applications</h2><table id=\"apps\"><thead><tr><th>Name</th><th>Consumer key</th><th>App ID</th>"
        + "<th>Callbacks</th><th></th></tr></thead><tbody>");
    for (App a : apps) {
      h.raw("<tr").attr("data-consumer-key", a.consumer().key()).raw("><td>").text(a.consumer().displayName())
          .raw("</td><td><code>").text(a.consumer().key()).raw("</code></td><td><code>").text(a.appId())
          .raw("</code></td><td>").text(String.join(" ", a.consumer().callbacks())).raw("</td><td>");
      postButton(h, base + "/apps/rotate", csrf, "key", a.consumer().key(), "Rotate secret", "rotate-" + a.consumer().key());
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table><h2>Register an application</h2><form method=\"post\"").attr("action", base + "/apps")
        .raw(" novalidate>");
    hidden(h, csrf);
    field(h, form, "app_name", "Application name", "text", "maxlength=\"100\"");
    h.raw("<label for=\"callbacks\">Callbacks (one a line: a URL, http://host:* for any port, or oob)</label>");
    error(h, form, "callbacks");
    h.raw("<textarea id=\"callbacks\" name=\"callbacks\" rows=\"3\" cols=\"60\"")
        .raw(form.error("callbacks") == null ? ">" : " aria-invalid=\"true\" aria-describedby=\"callbacks-error\">")
        .text(form.value("callbacks")).raw("</textarea>");
    error(h, form, "");
    h.raw("<p><button type=\"submit\" id=\"register-app\">Register application</button></p></form>");

    h.raw("<h2>Applications you authorized</h2><table id=\"authorized\"><thead><tr><th>Application</th>"
        + "<th>Access tokens</th><th>Since</th><th></th></tr></thead><tbody>");
    for (Authorized a : authorized) {
      h.raw("<tr").attr("data-consumer-key", a.consumerKey()).raw("><td>").text(a.name()).raw("</td><td>")
          .text(String.valueOf(a.tokens())).raw("</td><td>").text(when(a.since())).raw("</td><td>");
      postButton(h, base + "/authorized/revoke", csrf, "key", a.consumerKey(), "Revoke access", "revoke-access-" + a.consumerKey());
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    return tail(h);
  }

  String message(String base, @Nullable ConsoleUser u, String csrf, String heading, String text) {
    Html h = head(base, heading, u, csrf);
    h.raw("<h1>").text(heading).raw("</h1><p id=\"message\">").text(text).raw("</p>");
    if (u != null) {
      h.raw("<p><a").attr("href", base + "/tokens").raw(">Back to the console</a></p>");
    }
    return tail(h);
  }

  // ---- pieces

  private Html head(String base, String page, @Nullable ConsoleUser u, String csrf) {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").text(page + " - " + title)
        .raw("</title><link rel=\"stylesheet\"").attr("href", stylesheet.startsWith("/") || stylesheet.contains("://")
            ? stylesheet : base + "/" + stylesheet)
        .raw("><script defer").attr("src", base + "/" + script).raw("></script></head><body><header><strong>").text(title)
        .raw("</strong>");
    if (u != null) {
      h.raw("<nav><a").attr("href", base + "/tokens").raw(">API tokens</a> · <a").attr("href", base + "/keys")
          .raw(">API keys</a> · <a").attr("href", base + "/apps").raw(">OAuth applications</a></nav>");
      h.raw("<form method=\"post\"").attr("action", base + "/logout").raw(">");
      hidden(h, csrf);
      h.raw("<span>").text(u.user() + " (account " + u.account() + ")").raw("</span> <button type=\"submit\" id=\"sign-out\">Sign out</button></form>");
    }
    return h.raw("</header><main>");
  }

  private static String tail(Html h) {
    return h.raw("</main></body></html>").toString();
  }

  private static void hidden(Html h, String csrf) {
    h.raw("<input type=\"hidden\" name=\"csrf\"").attr("value", csrf).raw(">");
  }

  private static void field(Html h, Form form, String name, String label, String type, String extra) {
    h.raw("<label").attr("for", name).raw(">").text(label).raw("</label>");
    error(h, form, name);
    h.raw("<input").attr("type", type).attr("id", name).attr("name", name).attr("value", form.value(name))
        .raw(" " + extra).raw(form.error(name) == null ? ">" : " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\">");
  }

  private static void error(Html h, Form form, String name) {
    String e = form.error(name);
    if (e != null) {
      h.raw("<p class=\"error\" role=\"alert\"").attr("id", (name.isEmpty() ? "form" : name) + "-error").raw(">")
          .text(e).raw("</p>");
    }
  }

  private static void option(Html h, String value, String label, String selected) {
    h.raw("<option").attr("value", value).raw(value.equals(selected) ? " selected>" : ">").text(label).raw("</option>");
  }

  private static void secret(Html h, String id, String label, String value) {
    h.raw("<label").attr("for", id).raw(">").text(label).raw("</label><input type=\"text\" class=\"secret\" readonly")
        .attr("id", id).attr("value", value).raw("> <button type=\"button\"").attr("data-copy", id)
        .attr("id", "copy-" + id).raw(">Copy</button>");
  }

  private static void postButton(Html h, String action, String csrf, String name, String value, String label, String id) {
    h.raw("<form method=\"post\" class=\"inline\"").attr("action", action).raw(">");
    hidden(h, csrf);
    h.raw("<input type=\"hidden\"").attr("name", name).attr("value", value).raw("><button type=\"submit\"")
        .attr("id", id).raw(">").text(label).raw("</button></form>");
  }

  private static String permissions(List<Permission> ps) {
    return ps.stream().map(p -> p.scope() + ":" + p.operation().code() + " " + String.join(",", new java.util.TreeSet<>(p.resources())))
        .collect(Collectors.joining("; "));
  }

  private static String when(Instant t) {
    return WHEN.format(t);
  }
}
