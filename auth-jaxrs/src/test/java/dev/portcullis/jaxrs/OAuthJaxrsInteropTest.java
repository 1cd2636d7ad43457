package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.builder.api.OAuth1SignatureType;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.utils.OAuthEncoder;
import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OAuth 1.0a scheme (RFC 5849 §3) through {@link PortcullisFeature} (Jersey in Jetty, real
 * socket), signed by ScribeJava with HMAC-SHA1: parameters in the header, the query and a form
 * body; another account's path, a tampered signature and a replayed nonce refused.
 */
class OAuthJaxrsInteropTest {
  static final String REALM = "email-lists";
  static final String CONSUMER_KEY = "jaxrs_consumer_key";
  static final String CONSUMER_SECRET = "jaxrs_consumer_secret";
  static final String ACCESS_TOKEN = "jaxrs_access_token_demo_user";
  static final String TOKEN_SECRET = "jaxrs_access_token_secret";
  static final String CAMPAIGNS = "/api/1.0/accounts/1/lists/500000000/campaigns";
  static final ObjectMapper JSON = new ObjectMapper();
  static final OAuth1AccessToken TOKEN = new OAuth1AccessToken(ACCESS_TOKEN, TOKEN_SECRET);

  static JerseyOnJetty server;
  static OAuth10aService headerSigner;
  static OAuth10aService querySigner;
  static HttpClient http;

  /** The campaigns resource of the AWeber-style lists API, as a JAX-RS application writes it. */
  @Path("/1.0/accounts/{accountId}/lists/{listId}/campaigns")
  public static final class Campaigns {
    @Context SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(value = "lists", op = "r", pathParam = "accountId")
    public Map<String, Object> list(@PathParam("accountId") String account, @PathParam("listId") String list,
        @QueryParam("q") String q) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("principal", security.getUserPrincipal().getName());
      out.put("scheme", security.getAuthenticationScheme());
      out.put("account", account);
      out.put("list", list);
      out.put("q", q);
      out.put("entries", List.of());
      return out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(value = "lists", op = "w", pathParam = "accountId")
    public jakarta.ws.rs.core.Response create(@PathParam("accountId") String account,
        MultivaluedMap<String, String> form) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("principal", security.getUserPrincipal().getName());
      out.put("account", account);
      out.put("subject", form.getFirst("subject"));
      out.put("note", form.getFirst("note"));
      return jakarta.ws.rs.core.Response.status(201).entity(out).build();
    }
  }

  /** ScribeJava's view of the provider; only resource calls are made, so the endpoints are unused. */
  static final class Api extends DefaultApi10a {
    private final String base;
    private final OAuth1SignatureType type;

    Api(String base, OAuth1SignatureType type) {
      this.base = base;
      this.type = type;
    }

    @Override
    public OAuth1SignatureType getSignatureType() {
      return type;
    }

    @Override
    public String getRequestTokenEndpoint() {
      return base + "/1.0/oauth/request_token";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return base + "/1.0/oauth/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return base + "/1.0/oauth/authorize";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder(CONSUMER_KEY, ProtectedSecret.plain(CONSUMER_SECRET))
        .displayName("JAX-RS interop client")
        .methods(Set.of(SignatureMethod.HMAC_SHA1))
        .build());
    InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
    // Pre-issued, as after a completed three-legged flow; the flow itself is tested in auth-servlet.
    tokens.save(OAuthToken.access(ACCESS_TOKEN, ProtectedSecret.plain(TOKEN_SECRET), CONSUMER_KEY,
        "demo_user", "1", Instant.now(), null));
    OAuth1Verifier verifier = OAuth1Verifier.builder()
        .consumers(consumers)
        .tokens(tokens)
        .replayGuard(new InMemoryReplayGuard())
        .realm(REALM)
        .build();
    OAuth1Scheme oauth = OAuth1Scheme.builder(verifier)
        .grants(t -> Grants.of(new Permission("lists", Operation.READ_WRITE, Set.of(t.account()))))
        .build();
    ResourceConfig app = new ResourceConfig(Campaigns.class)
        .register(JacksonFeature.class)
        .register(PortcullisFeature.builder().gate(Gate.builder().scheme(oauth).build()).denyUnannotated(true).build());
    server = JerseyOnJetty.start(Map.of("/api", app), true);
    String base = server.uri("/api").toString();
    headerSigner = new ServiceBuilder(CONSUMER_KEY).apiSecret(CONSUMER_SECRET)
        .build(new Api(base, OAuth1SignatureType.HEADER));
    querySigner = new ServiceBuilder(CONSUMER_KEY).apiSecret(CONSUMER_SECRET)
        .build(new Api(base, OAuth1SignatureType.QUERY_STRING));
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    headerSigner.close();
    querySigner.close();
    server.close();
  }

  static Response signedGet(OAuth10aService signer, String path, Map<String, String> query) throws Exception {
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri(path).toString());
    query.forEach(call::addQuerystringParameter);
    signer.signRequest(TOKEN, call);
    return signer.execute(call);
  }

  @Test
  void headerSignedGetIs200WithThePrincipal() throws Exception {
    Response r = signedGet(headerSigner, CAMPAIGNS, Map.of());
    assertThat(r.getCode()).as(r.getBody()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("principal").asText()).isEqualTo("demo_user");
    assertThat(body.get("scheme").asText()).isEqualTo("OAuth");
    assertThat(body.get("account").asText()).isEqualTo("1");
    assertThat(body.get("list").asText()).isEqualTo("500000000");
  }

  @Test
  void querySignedGetIs200() throws Exception {
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri(CAMPAIGNS).toString());
    call.addQuerystringParameter("q", "plain");
    querySigner.signRequest(TOKEN, call);
    assertThat(call.getHeaders()).doesNotContainKey("Authorization");
    assertThat(call.getCompleteUrl()).contains("oauth_signature=");
    Response r = querySigner.execute(call);
    assertThat(r.getCode()).as(r.getBody()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("principal").asText()).isEqualTo("demo_user");
    assertThat(body.get("q").asText()).isEqualTo("plain");
  }

  @Test
  void reservedAndNonAsciiQueryIs200AndReachesTheResourceDecoded() throws Exception {
    String q = "Grüße & Ünïcødé ☃ = ? / + % ~*' :#[]@!$(),;";
    for (OAuth10aService signer : new OAuth10aService[] {headerSigner, querySigner}) {
      Response r = signedGet(signer, CAMPAIGNS, Map.of("q", q));
      assertThat(r.getCode()).as(r.getBody()).isEqualTo(200);
      assertThat(JSON.readTree(r.getBody()).get("q").asText()).isEqualTo(q);
    }
  }

  @Test
  void anotherAccountsPathIs403() throws Exception {
    Response r = signedGet(headerSigner, "/api/1.0/accounts/2/lists/500000000/campaigns", Map.of());
    assertThat(r.getCode()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain("demo_user");
  }

  @Test
  void tamperedSignatureIs401WithAProblemReport() throws Exception {
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri(CAMPAIGNS).toString());
    headerSigner.signRequest(TOKEN, call);
    String authorization = call.getHeaders().get("Authorization");
    String signature = call.getOauthParameters().get("oauth_signature");
    String forged = (signature.startsWith("A") ? "B" : "A") + signature.substring(1);
    String tampered = authorization.replace("oauth_signature=\"" + OAuthEncoder.encode(signature) + "\"",
        "oauth_signature=\"" + OAuthEncoder.encode(forged) + "\"");
    assertThat(tampered).isNotEqualTo(authorization);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri(CAMPAIGNS))
        .header("Authorization", tampered).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("OAuth realm=\"" + REALM + "\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/x-www-form-urlencoded"));
    assertThat(r.body()).startsWith("oauth_problem=signature_invalid").doesNotContain(forged, signature);
  }

  @Test
  void theSameSignedRequestTwiceIsRefusedTheSecondTime() throws Exception {
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri(CAMPAIGNS + "?page=1").toString());
    headerSigner.signRequest(TOKEN, call);
    HttpRequest replay = HttpRequest.newBuilder(server.uri(CAMPAIGNS + "?page=1"))
        .header("Authorization", call.getHeaders().get("Authorization")).build();
    assertThat(http.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> again = http.send(replay, HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).startsWith("oauth_problem=nonce_used");
    assertThat(again.headers().firstValue("WWW-Authenticate")).hasValue("OAuth realm=\"" + REALM + "\"");
  }

  @Test
  void headerSignedFormPostCoversTheBodyAndTheResourceStillReadsIt() throws Exception {
    OAuthRequest call = new OAuthRequest(Verb.POST, server.uri(CAMPAIGNS).toString());
    call.addBodyParameter("subject", "Spring sale & more ☃");
    call.addBodyParameter("note", "a+b=c");
    headerSigner.signRequest(TOKEN, call);
    Response r = headerSigner.execute(call);
    assertThat(r.getCode()).as(r.getBody()).isEqualTo(201);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("principal").asText()).isEqualTo("demo_user");
    assertThat(body.get("subject").asText()).isEqualTo("Spring sale & more ☃");
    assertThat(body.get("note").asText()).isEqualTo("a+b=c");

    // The body is part of the signature base string (RFC 5849 §3.4.1.3.1): change it and it fails.
    OAuthRequest signed = new OAuthRequest(Verb.POST, server.uri(CAMPAIGNS).toString());
    signed.addBodyParameter("subject", "original");
    headerSigner.signRequest(TOKEN, signed);
    HttpResponse<String> altered = http.send(HttpRequest.newBuilder(server.uri(CAMPAIGNS))
        .header("Authorization", signed.getHeaders().get("Authorization"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("subject=altered")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(altered.statusCode()).isEqualTo(401);
    assertThat(altered.body()).startsWith("oauth_problem=signature_invalid");
  }

  @Test
  void oauthParametersInTheFormBodyAre201AndTheResourceStillReadsTheBody() throws Exception {
    // ScribeJava only puts oauth_* in the header or the query; it signs the same parameter set
    // wherever they travel (§3.4.1.3.1), so its signed parameters are moved into the body here.
    OAuthRequest call = new OAuthRequest(Verb.POST, server.uri(CAMPAIGNS).toString());
    call.addBodyParameter("subject", "Grüße/[x]");
    headerSigner.signRequest(TOKEN, call);
    StringJoiner form = new StringJoiner("&");
    form.add("subject=" + OAuthEncoder.encode("Grüße/[x]"));
    call.getOauthParameters().forEach((k, v) -> form.add(OAuthEncoder.encode(k) + "=" + OAuthEncoder.encode(v)));
    HttpRequest post = HttpRequest.newBuilder(server.uri(CAMPAIGNS))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("principal").asText()).isEqualTo("demo_user");
    assertThat(body.get("subject").asText()).isEqualTo("Grüße/[x]");
    // The nonce is spent wherever the parameters travelled.
    HttpResponse<String> again = http.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).startsWith("oauth_problem=nonce_used");
  }
}
