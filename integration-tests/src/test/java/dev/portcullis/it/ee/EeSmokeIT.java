package dev.portcullis.it.ee;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class EeSmokeIT {

  @ApplicationScoped
  public static class HeaderMechanism implements HttpAuthenticationMechanism {
    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest req, HttpServletResponse resp, HttpMessageContext ctx) {
      String user = req.getHeader("X-User");
      if (user != null) {
        return ctx.notifyContainerAboutLogin(user, Set.of("reader"));
      }
      if (!ctx.isProtected()) {
        return ctx.doNothing();
      }
      try {
        resp.setStatus(401);
        resp.setHeader("WWW-Authenticate", "Test realm=\"x\"");
        resp.setContentType("application/json");
        resp.getWriter().print("{\"error\":\"mine\"}");
        resp.flushBuffer();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
  }

  @WebServlet("/secret")
  @ServletSecurity(@HttpConstraint(rolesAllowed = "reader"))
  @DeclareRoles("reader")
  public static class Secret extends HttpServlet {
    @Inject SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.getWriter().print(security.getCallerPrincipal().getName() + " " + security.isCallerInRole("reader"));
    }
  }

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.create(WebArchive.class, "eesmoke.war").addClasses(HeaderMechanism.class, Secret.class);
  }

  @ArquillianResource URL base;

  @Test
  void mechanismRuns() throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    HttpResponse<String> ok = c.send(HttpRequest.newBuilder(URI.create(base + "secret")).header("X-User", "alice").build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println(base + " ok -> " + ok.statusCode() + " " + ok.body());
    HttpResponse<String> no = c.send(HttpRequest.newBuilder(URI.create(base + "secret")).build(), HttpResponse.BodyHandlers.ofString());
    System.out.println("no -> " + no.statusCode() + " " + no.headers().map() + " " + no.body());
    assertThat(ok.body()).isEqualTo("alice true");
    assertThat(no.statusCode()).isEqualTo(401);
    assertThat(no.body()).isEqualTo("{\"error\":\"mine\"}");
  }
}
