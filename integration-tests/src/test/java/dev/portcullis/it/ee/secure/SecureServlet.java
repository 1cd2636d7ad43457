package dev.portcullis.it.ee.secure;

import dev.portcullis.servlet.ServletAuthRequest;
import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stands for an HTTPS-only API: GET lists, POST "mints" a token; both need an authenticated caller. */
@WebServlet("/secure/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"account", "lists(r)"}))
@DeclareRoles({"account", "lists(r)"})
public class SecureServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write("items for " + req.getUserPrincipal().getName()
        + " secure=" + ServletAuthRequest.secure(req));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setStatus(201);
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write("minted");
  }
}
