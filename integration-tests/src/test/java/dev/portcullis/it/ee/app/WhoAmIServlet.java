package dev.portcullis.it.ee.app;

import dev.portcullis.core.Identity;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.security.PortcullisPrincipal;
import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A servlet the container protects by role; it reports what Jakarta Security and the servlet API
 * say about the caller, one {@code name=value} per line. POST echoes the body it can read.
 */
@WebServlet("/whoami")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"account", "token", "contacts(r)", "lists(r)"}))
@DeclareRoles({"account", "token", "contacts(r)", "lists(r)", "tokens(w)"})
public class WhoAmIServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject SecurityContext security;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    write(req, resp, "");
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    write(req, resp, new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private void write(HttpServletRequest req, HttpServletResponse resp, String body) throws IOException {
    Set<PortcullisPrincipal> ours = security.getPrincipalsByType(PortcullisPrincipal.class);
    Identity attr = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    StringBuilder sb = new StringBuilder()
        .append("caller=").append(security.getCallerPrincipal().getName()).append('\n')
        .append("user_principal=").append(req.getUserPrincipal().getName()).append('\n')
        .append("in_account=").append(security.isCallerInRole("account")).append('\n')
        .append("in_contacts_r=").append(security.isCallerInRole("contacts(r)")).append('\n')
        .append("in_lists_r=").append(req.isUserInRole("lists(r)")).append('\n')
        .append("in_tokens_w=").append(req.isUserInRole("tokens(w)")).append('\n')
        .append("identity_scheme=")
        .append(ours.isEmpty() ? "none" : ours.iterator().next().identity().scheme()).append('\n')
        .append("attribute_subject=").append(attr == null ? "none" : attr.subject()).append('\n')
        .append("body=").append(body).append('\n');
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write(sb.toString());
  }
}
