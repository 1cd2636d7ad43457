package dev.portcullis.it.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.it.Http;
import dev.portcullis.it.Libraries;
import dev.portcullis.it.jetty.jersey.CatalogApp;
import dev.portcullis.jaxrs.PortcullisFeature;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Jersey application protected by {@link PortcullisFeature} and {@code @RequiresScope}, deployed
 * as a WAR into embedded Jetty 12 ee10 and called over HTTP: success, 401 with challenges, 403,
 * {@code @Public}, deny-unannotated, and the principal the resource sees.
 */
@ExtendWith(ArquillianExtension.class)
class JerseyAppIT {
  static final String WEB_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
        <servlet>
          <servlet-name>catalog</servlet-name>
          <servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>
          <init-param>
            <param-name>jakarta.ws.rs.Application</param-name>
            <param-value>dev.portcullis.it.jetty.jersey.CatalogApp</param-value>
          </init-param>
          <load-on-startup>1</load-on-startup>
        </servlet>
        <servlet-mapping>
          <servlet-name>catalog</servlet-name>
          <url-pattern>/*</url-pattern>
        </servlet-mapping>
      </web-app>
      """;

  /** The app's classes and the Portcullis jars in WEB-INF/lib; Jersey comes from the server's class path. */
  @Deployment(testable = false)
  static WebArchive war() {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "jersey-catalog.war")
        .addPackage(CatalogApp.class.getPackage())
        .setWebXML(new StringAsset(WEB_XML));
    return Libraries.add(war, Gate.class, PortcullisFeature.class);
  }

  @ArquillianResource URL base;

  URI uri(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + path);
  }

  @Test
  void basicAccountTokenReadsAndTheResourceSeesThePrincipal() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/items?key=key_demo_index"), "Authorization", Http.basic("demo_api_token", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("items of key_demo_index for demo via BASIC account=true token=false");
  }

  @Test
  void noCredentialsGets401WithBasicAndBearerChallenges() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/items?key=key_demo_index"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic realm=\"catalog\""))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer realm=\"catalog\""));
    assertThat(r.body()).contains("\"status\":401");
  }

  @Test
  void anotherAccountsKeyGets403() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/items?key=key_other_index"), "Authorization", "Bearer demo_api_token");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).contains("error=\"insufficient_scope\""));
  }

  @Test
  void aScopedReadTokenReadsButGets403OnWrite() throws Exception {
    HttpResponse<String> minted = Http.post(uri("/v1/tokens"), "application/x-www-form-urlencoded",
        "key=key_demo_index", "Authorization", Http.basic("demo_api_token", ""));
    assertThat(minted.statusCode()).isEqualTo(201);
    String token = minted.body();

    HttpResponse<String> read = Http.get(uri("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + token);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("items of key_demo_index for demo via Bearer account=false token=true");

    HttpResponse<String> write = Http.post(uri("/v2/items?key=key_demo_index"), "text/plain", "x",
        "Authorization", "Bearer " + token);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("items(w)").doesNotContain(token);
  }

  @Test
  void publicMethodNeedsNoCredentialsAndUnannotatedIsRefused() throws Exception {
    HttpResponse<String> open = Http.get(uri("/search/mug"));
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).isEqualTo("results for mug for anonymous");

    HttpResponse<String> closed = Http.get(uri("/v2/unannotated"), "Authorization", "Bearer demo_api_token");
    assertThat(closed.statusCode()).isEqualTo(403);
    assertThat(closed.body()).doesNotContain("should never be reached");
  }
}
