package dev.portcullis.sample.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET|POST /ws/customers/{customer}/contacts}, behind the Digest filter. GET lists the
 * customer's contacts; POST answers 201 with the body it received, byte for byte, so a client can
 * see that a body the filter read for {@code auth-int} still reaches the servlet.
 */
public final class ContactsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String customer = customer(req);
    if (customer == null) {
      resp.sendError(404);
      return;
    }
    new Json().field("customer", customer)
        .raw("contacts", "[{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\"}]")
        .caller(req).send(resp, 200);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String customer = customer(req);
    if (customer == null) {
      resp.sendError(404);
      return;
    }
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    new Json().field("customer", customer).field("received", body).caller(req).send(resp, 201);
  }

  /** The {customer} of /customers/{customer}/contacts (the servlet is mapped at /ws/*). */
  private static String customer(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info == null || !info.startsWith("/customers/") || !info.endsWith("/contacts")) {
      return null;
    }
    String c = info.substring("/customers/".length(), info.length() - "/contacts".length());
    return c.isEmpty() || c.indexOf('/') >= 0 ? null : c;
  }
}
