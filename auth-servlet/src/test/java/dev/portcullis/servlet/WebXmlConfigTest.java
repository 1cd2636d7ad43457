package dev.portcullis.servlet;

import static dev.portcullis.servlet.Http.basic;
import static dev.portcullis.servlet.Http.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code web.xml} route: the no-arg filter configured from init-params and a {@link GateFactory}. */
class WebXmlConfigTest {

  private static Map<String, String> catalogParams() {
    Map<String, String> p = new HashMap<>();
    p.put("gate-factory", Catalog.GateFactoryImpl.class.getName());
    p.put("public-paths", Catalog.PUBLIC_PATHS);
    p.put("rules", Catalog.RULES);
    p.put("trusted-proxies", "127.0.0.1, ::1");
    p.put("max-body-bytes", "2048");
    p.put("swallow-limit", "32768");
    p.put("deny-unmatched", "true");
    p.put("realm", "shop");
    return p;
  }

  @Test
  void aFilterHolderWithInitParamsProtectsLikeTheBuilder() throws Exception {
    try (JettyHarness jetty = JettyHarness.start(ctx -> {
      FilterHolder holder = new FilterHolder(AuthFilter.class);
      holder.setName("portcullis");
      catalogParams().forEach(holder::setInitParameter);
      ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    })) {
      String auth = basic("demo_api_token", "");
      String[] viaProxy = {"Authorization", auth, "X-Forwarded-Proto", "https"};
      HttpResponse<String> ok = get(jetty.uri("/v2/items?key=key_demo_index"), viaProxy);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("principal=demo\n", "authType=BASIC\n");
      assertThat(get(jetty.uri("/v2/items?key=key_other_index"), viaProxy).statusCode()).isEqualTo(403);
      assertThat(get(jetty.uri("/v2/unlisted?key=key_demo_index"), viaProxy).statusCode()).isEqualTo(403);
      assertThat(get(jetty.uri("/browse/color/red")).statusCode()).isEqualTo(200);
      HttpResponse<String> challenge = get(jetty.uri("/v2/items?key=key_demo_index"), "X-Forwarded-Proto", "https");
      assertThat(challenge.statusCode()).isEqualTo(401);
      assertThat(challenge.headers().allValues("WWW-Authenticate").get(0)).contains("realm=\"shop\"");
      assertThat(get(jetty.uri("/v2/items?key=key_demo_index"), "Authorization", auth).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void aMisconfiguredFilterStopsTheServerFromStarting() {
    Map<String, String> params = catalogParams();
    params.put("rules", "GET /v2/items items(x) query:key");
    assertThatThrownBy(() -> JettyHarness.start(ctx -> {
      FilterHolder holder = new FilterHolder(AuthFilter.class);
      params.forEach(holder::setInitParameter);
      ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    })).isInstanceOf(ServletException.class)
        .hasMessageContaining("is misconfigured: rules line 1 ('GET /v2/items items(x) query:key'): "
            + "operation must be r, w or rw");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gate-factory|     |gate-factory is required",
      "gate-factory|com.example.Missing|class com.example.Missing cannot be loaded",
      "gate-factory|java.lang.String|does not implement dev.portcullis.servlet.GateFactory",
      "gate-factory|dev.portcullis.servlet.WebXmlConfigTest$NoDefaultConstructor|needs a public no-arg constructor",
      "gate-factory|dev.portcullis.servlet.WebXmlConfigTest$NullFactory|create returned null",
      "rules|GET /v2/items items(x) query:key|rules line 1",
      "rules|GET /v2/items items|rules line 1",
      "rules|GET /ws/{customer} c(r) path:other|has no variable {other}",
      "rules|GET /v2/items items(r) cookie:key|resource source must be",
      "rules|GET v2/items items(r)|must start with '/'",
      "public-paths|/a/*/b|public-paths",
      "public-paths|/a/{x|public-paths",
      "trusted-proxies|proxy.example.com|trusted-proxies",
      "max-body-bytes|lots|max-body-bytes must be a whole number",
      "max-body-bytes|-1|max-body-bytes",
      "swallow-limit|1k|swallow-limit must be a whole number",
      "swallow-limit|-5|swallow-limit: swallowLimit must not be negative",
      "deny-unmatched|yes|deny-unmatched must be true or false",
  })
  void badInitParamsFailAtInitWithAClearMessage(String name, @Nullable String value, String message) {
    Map<String, String> params = catalogParams();
    if (value == null) {
      params.remove(name);
    } else {
      params.put(name, value);
    }
    assertThatThrownBy(() -> new AuthFilter().init(config(params)))
        .isInstanceOf(ServletException.class)
        .hasMessageStartingWith("AuthFilter 'portcullis' is misconfigured: ")
        .hasMessageContaining(message);
  }

  @Test
  void rulesAcceptCommentsBlankLinesAndEveryResourceSource() throws Exception {
    Map<String, String> params = catalogParams();
    params.put("rules", "\n# comment\n  GET /a/{x} a(r) path:x\n\n* /b/* b(rw) header:X-Key\nPOST *.csv c(w)\n");
    new AuthFilter().init(config(params));
  }

  @Test
  void aFilterUsedBeforeInitRefusesToServe() {
    assertThatThrownBy(() -> new AuthFilter().doFilter(null, null, null))
        .isInstanceOf(ServletException.class).hasMessageContaining("not initialised");
  }

  /** Lacks the no-arg constructor the filter needs. */
  public static final class NoDefaultConstructor implements GateFactory {
    public NoDefaultConstructor(String unused) {}

    @Override
    public dev.portcullis.core.Gate create(Map<String, String> initParams) {
      throw new AssertionError("never built");
    }
  }

  /** Returns no gate. */
  public static final class NullFactory implements GateFactory {
    @Override
    public dev.portcullis.core.Gate create(Map<String, String> initParams) {
      return null;
    }
  }

  private static FilterConfig config(Map<String, String> params) {
    return new FilterConfig() {
      @Override public String getFilterName() { return "portcullis"; }
      @Override public @Nullable ServletContext getServletContext() { return null; }
      @Override public String getInitParameter(String name) { return params.get(name); }
      @Override public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }
}
