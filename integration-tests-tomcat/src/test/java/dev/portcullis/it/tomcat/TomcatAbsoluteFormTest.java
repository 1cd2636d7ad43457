package dev.portcullis.it.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.Identities;
import dev.portcullis.jaxrs.PortcullisFeature;
import dev.portcullis.jaxrs.Public;
import dev.portcullis.jaxrs.RemoteAddressResolver;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.oauth.OAuthEndpointsServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 section 1 in Tomcat 11: AuthFilter (Basic with requireSecure), the OAuth endpoints
 * (PLAINTEXT) and the JAX-RS feature on Jersey's servlet container. A request on the plain port
 * whose request line names an {@code https} URL is never secure: it is refused, and an application
 * behind it never runs (no token is "minted"); over TLS, Tomcat's {@code cipher_suite} attribute
 * makes the same request secure, and the authenticated answer carries {@code Cache-Control: no-store}.
 */
class TomcatAbsoluteFormTest {
  static final String TOKEN = "tomcat_api_token";
  static final String CONSUMER_KEY = "tomcat_consumer";
  static final String CONSUMER_SECRET = "tomcat_secret";

  static TomcatHarness tomcat;

  @BeforeAll
  static void start() throws Exception {
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder().account("acct", TOKEN, Set.of("key_a")).build())
        .allowedScopes(Set.of("items"))
        .build();
    Gate basic = Gate.builder().scheme(new BasicTokenScheme(tokens, "tomcat")).requireSecure(true).build();
    AuthFilter filter = AuthFilter.builder().gate(basic).build();

    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder(CONSUMER_KEY, ProtectedSecret.plain(CONSUMER_SECRET))
        .displayName("Tomcat test").callbacks(List.of("oob")).build());
    InMemoryOAuthTokenStore oauthTokens = new InMemoryOAuthTokenStore();
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(consumers).tokens(oauthTokens)
        .replayGuard(new InMemoryReplayGuard()).realm("tomcat-oauth").build();
    Gate oauth = Gate.builder().scheme(OAuth1Scheme.builder(verifier).build()).build();
    OAuthProvider provider = OAuthProvider.builder().verifier(verifier)
        .users(InMemoryUserDirectory.builder().iterations(10_000).user("u", "p".toCharArray()).build())
        .build();
    OAuthEndpointsServlet endpoints = OAuthEndpointsServlet.builder().provider(provider).gate(oauth).build();

    ResourceConfig app = new ResourceConfig()
        .register(JaxrsResource.class)
        .register(PortcullisFeature.builder().gate(basic).options(AdapterOptions.defaults()).build())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);

    tomcat = new TomcatHarness(ctx -> {
      addFilter(ctx, "auth", filter, "/servlet/*");
      addFilter(ctx, "peer", (Filter) (req, res, chain) -> {
        req.setAttribute(RemoteAddressResolver.PROPERTY, req.getRemoteAddr());
        req.setAttribute(RemoteAddressResolver.PROTOCOL_PROPERTY, req.getProtocol());
        chain.doFilter(req, res);
      }, "/jaxrs/*");
      Tomcat.addServlet(ctx, "app", new AppServlet());
      ctx.addServletMappingDecoded("/servlet/*", "app");
      Tomcat.addServlet(ctx, "oauth", endpoints);
      ctx.addServletMappingDecoded("/oauth/*", "oauth");
      Tomcat.addServlet(ctx, "jersey", new ServletContainer(app)).setLoadOnStartup(1);
      ctx.addServletMappingDecoded("/jaxrs/*", "jersey");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.close();
  }

  private static void addFilter(org.apache.catalina.Context ctx, String name, Filter filter, String pattern) {
    FilterDef def = new FilterDef();
    def.setFilterName(name);
    def.setFilter(filter);
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName(name);
    map.addURLPattern(pattern);
    ctx.addFilterMap(map);
  }

  @Test
  void authFilterRefusesBasicOverPlainHttpWithAnHttpsTarget() throws Exception {
    String trick = tomcat.plain(absolute("GET", "/servlet/items", basic()));
    assertNotServed(trick);
    String plain = tomcat.plain(origin("GET", "/servlet/items", basic(), tomcat.httpPort()));
    assertThat(plain).startsWith("HTTP/1.1 403").contains("https_required").doesNotContain("items for acct");
    String tls = tomcat.tls(origin("GET", "/servlet/items", basic(), tomcat.httpsPort()));
    assertThat(tls).startsWith("HTTP/1.1 200").contains("items for acct")
        .containsIgnoringCase("Cache-Control: no-store");
  }

  @Test
  void authFilterNeverLetsTheTrickMintAToken() throws Exception {
    String trick = tomcat.plain(absolute("POST", "/servlet/tokens", basic()));
    assertNotServed(trick);
    assertThat(trick).doesNotContain("minted");
    assertThat(tomcat.tls(origin("POST", "/servlet/tokens", basic(), tomcat.httpsPort())))
        .startsWith("HTTP/1.1 201").contains("minted");
  }

  @Test
  void jaxrsRefusesBasicAndMintingOverPlainHttpWithAnHttpsTarget() throws Exception {
    assertNotServed(tomcat.plain(absolute("GET", "/jaxrs/items", basic())));
    String mint = tomcat.plain(absolute("POST", "/jaxrs/tokens", basic()));
    assertNotServed(mint);
    assertThat(mint).doesNotContain("minted");
    assertThat(tomcat.plain(origin("GET", "/jaxrs/items", basic(), tomcat.httpPort())))
        .startsWith("HTTP/1.1 403").contains("https_required");
    String tls = tomcat.tls(origin("GET", "/jaxrs/items", basic(), tomcat.httpsPort()));
    assertThat(tls).startsWith("HTTP/1.1 200").contains("items for acct secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
    // A public method is not told "https" either.
    String pub = tomcat.plain(origin("GET", "/jaxrs/public", null, tomcat.httpPort()));
    assertThat(pub).startsWith("HTTP/1.1 200").contains("secure=false");
    // Tomcat takes the scheme from its connector, not from the request line, so the public method
    // is served here; what matters is that it is not told the request was secure.
    String pubTrick = tomcat.plain(absolute("GET", "/jaxrs/public", null));
    assertThat(pubTrick).satisfiesAnyOf(
        r -> assertThat(r).startsWith("HTTP/1.1 400"),
        r -> assertThat(r).startsWith("HTTP/1.1 200").contains("secure=false"));
  }

  @Test
  void oauthPlaintextIsRefusedOverPlainHttpWhateverTheRequestLineSays() throws Exception {
    String auth = "OAuth oauth_consumer_key=\"" + CONSUMER_KEY + "\", oauth_signature_method=\"PLAINTEXT\","
        + " oauth_signature=\"" + CONSUMER_SECRET + "%26\", oauth_callback=\"oob\", oauth_version=\"1.0\"";
    String trick = tomcat.plain(absolute("POST", "/oauth/request_token", auth));
    assertNotServed(trick);
    assertThat(trick).doesNotContain("oauth_token=");
    String plain = tomcat.plain(origin("POST", "/oauth/request_token", auth, tomcat.httpPort()));
    assertThat(plain).doesNotStartWith("HTTP/1.1 200").doesNotContain("oauth_token=");
    String tls = tomcat.tls(origin("POST", "/oauth/request_token", auth, tomcat.httpsPort()));
    assertThat(tls).startsWith("HTTP/1.1 200").contains("oauth_token=").contains("oauth_callback_confirmed=true");
  }

  /**
   * What the adapters rely on for a direct peer (RequestOrigin.direct): Tomcat itself refuses two
   * Host headers, a malformed one, and an absolute-form authority other than Host, with 400 and
   * before any filter or JAX-RS method runs, so the adapters read Host only when a scheme needs it.
   */
  @Test
  void tomcatRefusesHostConflictsBeforeTheAdaptersRun() throws Exception {
    int port = tomcat.httpPort();
    for (String path : List.of("/servlet/items", "/jaxrs/items", "/jaxrs/public")) {
      List<String> heads = List.of(
          "GET http://other.example:" + port + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n",
          "GET http://127.0.0.1:1" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n",
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nHost: other.example\r\n",
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "x\r\n");
      for (String head : heads) {
        String r = tomcat.plain(head + "Authorization: " + basic() + "\r\nConnection: close\r\n\r\n");
        assertThat(r).as(head).startsWith("HTTP/1.1 400").doesNotContain("items for")
            .doesNotContain("secure=").doesNotContain("invalid_request");
      }
    }
  }

  /** Refused with a 4xx before any credential counted, and nothing the application says. */
  private static void assertNotServed(String response) {
    // Tomcat itself ignores the request line's scheme, so the adapter may see a plain request
    // (403/401) or the conflict (400); what matters is that nothing is served.
    assertThat(response).matches("(?s)HTTP/1.1 4\\d\\d .*");
    assertThat(response).doesNotContain("items for").doesNotContain("\tat ");
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static String absolute(String method, String path, String authorization) {
    String authority = "127.0.0.1:" + tomcat.httpsPort();
    return method + " https://" + authority + path + " HTTP/1.1\r\nHost: " + authority + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static String origin(String method, String path, String authorization, int port) {
    return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  /** Stands for an application behind AuthFilter: lists items, or "mints" a token. */
  static final class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
      resp.setContentType("text/plain");
      resp.getWriter().write("items for " + id.account());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(201);
      resp.setContentType("text/plain");
      resp.getWriter().write("minted");
    }
  }

  /** The same application in JAX-RS. */
  @Path("/")
  public static final class JaxrsResource {
    @GET
    @Path("items")
    public String items(@Context SecurityContext sc) {
      return "items for " + Identities.from(sc).account() + " secure=" + sc.isSecure();
    }

    @POST
    @Path("tokens")
    public Response mint() {
      return Response.status(201).entity("minted").build();
    }

    @GET
    @Path("public")
    @Public
    public String open(@Context SecurityContext sc) {
      return "public secure=" + sc.isSecure();
    }
  }
}
