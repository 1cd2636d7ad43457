package dev.portcullis.demo.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.demo.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contacts API (shared/spec/demo-api.md, API 1) on the real demo server: Apache HttpClient 5,
 * the JDK's HttpURLConnection, and crafted requests for every refusal the spec names.
 */
class ContactsApiTest {
  static final String KEY = ContactsApi.API_KEY;
  static final String USER = KEY + "%ctct_customer";
  static final String PATH = "/ws/customers/ctct_customer/contacts";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static MutableClock clock;
  static DemoServer server;

  @BeforeAll
  static void start() throws Exception {
    clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).clock(clock).build());
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }

  static CloseableHttpClient apache(String user, String password) {
    BasicCredentialsProvider creds = new BasicCredentialsProvider();
    creds.setCredentials(new AuthScope("127.0.0.1", server.httpPort()), new UsernamePasswordCredentials(user, password.toCharArray()));
    return HttpClients.custom().setDefaultCredentialsProvider(creds).build();
  }

  static String[] execute(CloseableHttpClient client, HttpUriRequestBase request) throws IOException {
    return client.execute(request, r -> new String[] {String.valueOf(r.getCode()),
        r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)});
  }

  @Test
  void apacheHttpClient5ListsAndAddsContacts() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      String[] get = execute(c, new HttpGet(uri(PATH)));
      assertThat(get[0]).isEqualTo("200");
      JsonNode list = JSON.readTree(get[1]);
      assertThat(list.get("customer").asText()).isEqualTo("ctct_customer");
      assertThat(list.get("contacts").findValuesAsText("email")).contains("ada@example.org", "grace@example.org")
          .doesNotContain("alan@example.org");
      HttpPost post = new HttpPost(uri(PATH)); // HttpClient 5 answers qop=auth-int when there is a body
      post.setEntity(new StringEntity("{\"name\":\"Hedy Lamarr\",\"email\":\"hedy@example.org\"}", ContentType.APPLICATION_JSON));
      String[] created = execute(c, post);
      assertThat(created[0]).isEqualTo("201");
      assertThat(JSON.readTree(created[1]).get("email").asText()).isEqualTo("hedy@example.org");
      assertThat(execute(c, new HttpGet(uri(PATH)))[1]).contains("hedy@example.org");
    }
  }

  @Test
  void anotherCustomersContactsAre403() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      assertThat(execute(c, new HttpGet(uri("/ws/customers/other_customer/contacts")))[0]).isEqualTo("403");
    }
  }

  @Test
  void jdkHttpUrlConnectionGetAndPost() throws Exception {
    Authenticator auth = new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(KEY + "%other_customer", "otherpassword".toCharArray());
      }
    };
    HttpURLConnection get = (HttpURLConnection) uri("/ws/customers/other_customer/contacts").toURL().openConnection();
    get.setAuthenticator(auth);
    assertThat(get.getResponseCode()).isEqualTo(200);
    try (InputStream in = get.getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("alan@example.org");
    }
    HttpURLConnection post = (HttpURLConnection) uri("/ws/customers/other_customer/contacts").toURL().openConnection();
    post.setAuthenticator(auth);
    post.setRequestMethod("POST");
    post.setDoOutput(true);
    post.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = post.getOutputStream()) {
      out.write("{\"email\":\"joan@example.org\"}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(post.getResponseCode()).isEqualTo(201);
  }

  // ---- crafted requests, from the RFC 7616 formulas ----

  static String hex(String algorithm, byte[] data) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (byte b : MessageDigest.getInstance(algorithm).digest(data)) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }

  static String hex(String algorithm, String s) throws Exception {
    return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, String> params(String challenge) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : challenge.substring(7).split(", (?=[a-z]+=)")) {
      int eq = part.indexOf('=');
      String v = part.substring(eq + 1);
      out.put(part.substring(0, eq), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
    }
    return out;
  }

  static HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> challenge(String algorithm) throws Exception {
    HttpResponse<String> r = raw("GET", PATH, null);
    assertThat(r.statusCode()).isEqualTo(401);
    for (String c : r.headers().allValues("WWW-Authenticate")) {
      Map<String, String> p = params(c);
      if (p.get("algorithm").equals(algorithm)) {
        return p;
      }
    }
    throw new AssertionError("no " + algorithm + " challenge");
  }

  static String authorization(String method, String uri, String user, String password, String algorithm, String nonce,
      String nc, String qop, String body) throws Exception {
    String md = algorithm.equals("MD5") ? "MD5" : "SHA-256";
    String ha1 = hex(md, user + ":" + ContactsApi.REALM + ":" + password);
    String a2 = method + ":" + uri + (qop.equals("auth-int") ? ":" + hex(md, body == null ? "" : body) : "");
    String response = hex(md, ha1 + ":" + nonce + ":" + nc + ":cn" + nc + ":" + qop + ":" + hex(md, a2));
    return "Digest username=\"" + user + "\", realm=\"" + ContactsApi.REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
        + "\", algorithm=" + algorithm + ", qop=" + qop + ", nc=" + nc + ", cnonce=\"cn" + nc + "\", response=\"" + response + "\"";
  }

  @Test
  void unauthenticatedRequestGets401WithSha256AndMd5Challenges() throws Exception {
    HttpResponse<String> r = raw("GET", PATH, null);
    assertThat(r.statusCode()).isEqualTo(401);
    List<String> ch = r.headers().allValues("WWW-Authenticate");
    assertThat(ch).extracting(c -> params(c).get("algorithm")).containsExactly("SHA-256", "MD5", "SHA-256");
    assertThat(ch).allSatisfy(c -> assertThat(params(c)).containsEntry("realm", "contacts")
        .containsEntry("qop", "auth, auth-int").containsEntry("charset", "UTF-8"));
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void md5AndAuthIntCraftedRequestsWork() throws Exception {
    String body = "{\"name\":\"Katherine Johnson\",\"email\":\"kj@example.org\"}";
    String h = authorization("POST", PATH, USER, "mypassword", "MD5", challenge("MD5").get("nonce"), "00000001", "auth-int", body);
    HttpResponse<String> r = raw("POST", PATH, body, "Authorization", h, "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Authentication-Info")).hasValueSatisfying(v -> assertThat(v).contains("rspauth=", "qop=auth-int"));
  }

  @Test
  void everyCredentialRefusalIs401WithAFreshChallengeAndTheSameBody() throws Exception {
    String[][] cases = {
        {USER, "wrong"},
        {ContactsApi.DISABLED_API_KEY + "%ctct_customer", "mypassword"},
        {"00000000-0000-4000-8000-000000000000%ctct_customer", "mypassword"},
        {KEY + "%nobody", "mypassword"},
        {"ctct_customer", "mypassword"},
    };
    String firstBody = null;
    for (String[] c : cases) {
      String h = authorization("GET", PATH, c[0], c[1], "SHA-256", challenge("SHA-256").get("nonce"), "00000001", "auth", null);
      HttpResponse<String> r = raw("GET", PATH, null, "Authorization", h);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(3).noneMatch(v -> v.contains("stale"));
      firstBody = firstBody == null ? r.body() : firstBody;
      assertThat(r.body()).isEqualTo(firstBody).doesNotContain("mypassword", "disabled", "unknown");
    }
  }

  @Test
  void replayedNonceCountIs401() throws Exception {
    String h = authorization("GET", PATH, USER, "mypassword", "SHA-256", challenge("SHA-256").get("nonce"), "00000001", "auth", null);
    assertThat(raw("GET", PATH, null, "Authorization", h).statusCode()).isEqualTo(200);
    assertThat(raw("GET", PATH, null, "Authorization", h).statusCode()).isEqualTo(401);
  }

  @Test
  void staleNonceIs401WithStaleTrue() throws Exception {
    String nonce = challenge("SHA-256").get("nonce");
    clock.advance(Duration.ofMinutes(6));
    String h = authorization("GET", PATH, USER, "mypassword", "SHA-256", nonce, "00000001", "auth", null);
    HttpResponse<String> r = raw("GET", PATH, null, "Authorization", h);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(3).allMatch(v -> v.endsWith("stale=true"));
  }

  @Test
  void wrongUriIs400AndBrokenHeaderIs400WithoutStackTrace() throws Exception {
    String h = authorization("GET", "/ws/customers/ctct_customer/contacts?all", USER, "mypassword", "SHA-256",
        challenge("SHA-256").get("nonce"), "00000001", "auth", null);
    assertThat(raw("GET", PATH, null, "Authorization", h).statusCode()).isEqualTo(400);
    HttpResponse<String> broken = raw("GET", PATH, null, "Authorization", "Digest username=\"a, realm=");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).doesNotContain("Exception", "at dev.");
    HttpResponse<String> dup = raw("GET", PATH, null, "Authorization", h + ", nonce=\"x\"");
    assertThat(dup.statusCode()).isEqualTo(400);
  }

  @Test
  void tamperedBodyUnderAuthIntIs401() throws Exception {
    String h = authorization("POST", PATH, USER, "mypassword", "SHA-256", challenge("SHA-256").get("nonce"), "00000001",
        "auth-int", "{\"email\":\"a@example.org\"}");
    HttpResponse<String> r = raw("POST", PATH, "{\"email\":\"mallory@example.org\"}", "Authorization", h, "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(401);
  }
}
