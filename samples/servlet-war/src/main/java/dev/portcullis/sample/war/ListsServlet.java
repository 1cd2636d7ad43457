package dev.portcullis.sample.war;

import dev.portcullis.core.Identity;
import dev.portcullis.servlet.AuthFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /1.0/accounts} and {@code GET /1.0/accounts/{accountId}/lists/{listId}/campaigns},
 * behind the OAuth 1.0a filter: the caller's account, and an empty page of campaigns.
 */
public final class ListsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String info = req.getPathInfo() == null ? "" : req.getPathInfo();
    Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    if (info.equals("/accounts")) {
      new Json().raw("accounts", "[" + new Json().field("account_id", id.account()) + "]")
          .caller(req).send(resp, 200);
      return;
    }
    String[] parts = info.split("/", -1);
    // "", "accounts", {accountId}, "lists", {listId}, "campaigns"
    if (parts.length == 6 && parts[1].equals("accounts") && parts[3].equals("lists")
        && parts[5].equals("campaigns") && !parts[2].isEmpty() && !parts[4].isEmpty()) {
      new Json().raw("total_size", "0").raw("start", "0").raw("entries", "[]")
          .field("resource_type_link", "/1.0/accounts/" + parts[2] + "/lists/" + parts[4]
              + "/campaigns#campaign-page-resource")
          .caller(req).send(resp, 200);
      return;
    }
    resp.sendError(404);
  }
}
