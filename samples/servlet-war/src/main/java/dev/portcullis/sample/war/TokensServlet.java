package dev.portcullis.sample.war;

import dev.portcullis.core.Identity;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.token.CreateResult;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.servlet.AuthFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/tokens} with form fields {@code name}, {@code op} ({@code r}, {@code w} or
 * {@code rw}) and {@code key}: issues a scoped API token for {@code items(op)} on that API key, valid
 * for a day, to the account whose own token authenticated the call (the filter's
 * {@code tokens(w)} rule lets only account tokens in). Answers 201 with the token, shown only here.
 */
public final class TokensServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    String name = req.getParameter("name");
    String op = req.getParameter("op");
    String key = req.getParameter("key");
    if (name == null || op == null || key == null) {
      new Json().field("error", "invalid_request")
          .field("message", "Send the form fields name, op and key.").send(resp, 400);
      return;
    }
    List<Permission> permissions;
    try {
      permissions = List.of(new Permission("items", Operation.fromCode(op), Set.of(key)));
    } catch (IllegalArgumentException e) {
      // An unknown operation code or a malformed permission; the message names the rule, not a secret.
      new Json().field("error", "invalid_request").field("message", e.getMessage()).send(resp, 400);
      return;
    }
    CreateResult result = DemoData.get().apiTokens().admin().create(id.account(), name, permissions,
        Duration.ofDays(1));
    if (result instanceof CreateResult.Refused refused) {
      // The refusal's message names the rule that was broken, never a secret.
      new Json().field("error", "invalid_request").field("message", refused.message()).send(resp, 400);
      return;
    }
    IssuedToken issued = result.orElseThrow();
    resp.setHeader("Cache-Control", "no-store");
    new Json().field("id", issued.info().id()).field("token", issued.secret()).send(resp, 201);
  }
}
