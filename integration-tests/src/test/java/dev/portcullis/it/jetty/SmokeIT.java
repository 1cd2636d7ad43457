package dev.portcullis.it.jetty;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class SmokeIT {

  @WebServlet("/hello")
  public static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().print("hello " + req.getServletContext().getServerInfo());
    }
  }

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.create(WebArchive.class, "smoke.war").addClass(Hello.class);
  }

  @ArquillianResource URL base;

  @Test
  void answersOverHttp() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "hello")).build(), HttpResponse.BodyHandlers.ofString());
    System.out.println(base + " -> " + r.body());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("hello jetty/12.0.");
  }
}
