package dev.portcullis.core.fuzz;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the {@code valid-*} seeds of {@link GateFuzzTest} for {@link GateWorld}'s clock, keys and
 * secrets. Run it from {@code auth-core} when a change to a nonce, token or signature format makes
 * {@code GateFuzzTest#validSeedsAuthenticate} fail:
 * {@code java -cp <test classpath> dev.portcullis.core.fuzz.GateSeeds}.
 */
final class GateSeeds {
  static final Path DIR = Path.of("src/test/resources/dev/portcullis/core/fuzz/GateFuzzTestInputs/requests");

  private GateSeeds() {}

  private static void write(String name, String content) throws java.io.IOException {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** A nonce the world's Digest scheme issued for {@code alg}, taken from a 401's challenges. */
  static String nonce(String alg) {
    GateWorld w = new GateWorld();
    AuthRequest r = GateWorld.request("GET /\n\n\n");
    for (var h : w.gate.deny(r, Outcome.noCredentials()).headers()) {
      String v = h.value();
      if (v.startsWith("Digest ")) {
        var params = AuthParams.parse(v.substring(7));
        if (alg.equals(params.get("algorithm"))) {
          return params.get("nonce");
        }
      }
    }
    throw new IllegalStateException("no Digest challenge for " + alg);
  }

  static String digest(String alg, String method, String uri, String qop, byte[] body) {
    String nonce = nonce(alg);
    String user = GateWorld.DIGEST_USER, realm = GateWorld.DIGEST_REALM, pw = GateWorld.DIGEST_PASSWORD;
    String ha1 = Oracles.ha1Hex(alg, user, realm, pw);
    String a2 = method + ":" + uri + (qop.equals("auth-int") ? ":" + Oracles.hex(alg, body) : "");
    String resp = Oracles.hex(alg, ha1 + ":" + nonce + ":00000001:0a4f113b:" + qop + ":" + Oracles.hex(alg, a2));
    return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
        + "\", algorithm=" + alg + ", qop=" + qop + ", nc=00000001, cnonce=\"0a4f113b\", response=\"" + resp + "\"";
  }

  static List<Param> oauthParams(String method, String nonce) {
    List<Param> p = new ArrayList<>();
    p.add(new Param("oauth_consumer_key", GateWorld.CONSUMER_KEY));
    p.add(new Param("oauth_token", GateWorld.ACCESS_TOKEN));
    p.add(new Param("oauth_signature_method", method));
    p.add(new Param("oauth_timestamp", Long.toString(GateWorld.NOW.getEpochSecond())));
    p.add(new Param("oauth_nonce", nonce));
    p.add(new Param("oauth_version", "1.0"));
    return p;
  }

  public static void main(String[] args) throws Exception {
    String tok = GateWorld.ACCOUNT_TOKEN;
    write("valid-basic", "GET /v2/items?key=key_demo_index\nBasic "
        + Base64.getEncoder().encodeToString((tok + ":").getBytes(StandardCharsets.UTF_8)) + "\n\n");
    write("valid-bearer", "GET /v2/items?key=key_demo_index\nBearer " + tok + "\n\n");
    write("valid-digest-sha256", "GET /v2/contacts?limit=5\n" + digest("SHA-256", "GET", "/v2/contacts?limit=5", "auth", new byte[0]) + "\n\n");
    byte[] body = "{\"email\":\"a@b.example\"}".getBytes(StandardCharsets.UTF_8);
    write("valid-digest-md5-auth-int", "POST /v2/contacts\n" + digest("MD5", "POST", "/v2/contacts", "auth-int", body)
        + "\napplication/json\n" + new String(body, StandardCharsets.UTF_8));
    // OAuth header, GET with query
    {
      List<Param> p = oauthParams("HMAC-SHA1", "n0nce1");
      List<Param> all = new ArrayList<>(p);
      all.addAll(FormCodec.decode("b=2&a=1&c=%E2%98%83"));
      String sig = OAuthOracle.sign("GET", "https://api.example.com/1.0/lists", all, "HMAC-SHA1", GateWorld.CONSUMER_SECRET, GateWorld.ACCESS_SECRET);
      StringBuilder h = new StringBuilder("OAuth realm=\"Fuzz\"");
      p.add(new Param("oauth_signature", sig));
      for (Param x : p) {
        h.append(", ").append(x.name()).append("=\"").append(PercentCodec.encode(x.value())).append('"');
      }
      write("valid-oauth-header", "GET /1.0/lists?b=2&a=1&c=%E2%98%83\n" + h + "\n\n");
    }
    // OAuth in the query
    {
      List<Param> p = oauthParams("HMAC-SHA256", "n0nce2");
      p.add(new Param("list", "a b"));
      String sig = OAuthOracle.sign("GET", "https://api.example.com/1.0/lists", p, "HMAC-SHA256", GateWorld.CONSUMER_SECRET, GateWorld.ACCESS_SECRET);
      p.add(new Param("oauth_signature", sig));
      write("valid-oauth-query", "GET /1.0/lists?" + FormCodec.encode(p) + "\n\n\n");
    }
    // OAuth in a form body
    {
      List<Param> p = oauthParams("HMAC-SHA1", "n0nce3");
      p.add(new Param("name", "Fuzz list"));
      String sig = OAuthOracle.sign("POST", "https://api.example.com/1.0/lists", p, "HMAC-SHA1", GateWorld.CONSUMER_SECRET, GateWorld.ACCESS_SECRET);
      p.add(new Param("oauth_signature", sig));
      write("valid-oauth-form", "POST /1.0/lists\n\napplication/x-www-form-urlencoded; charset=UTF-8\n" + FormCodec.encode(p));
    }
    // PLAINTEXT over HTTPS
    {
      List<Param> p = oauthParams("PLAINTEXT", "n0nce4");
      p.add(new Param("oauth_signature", GateWorld.CONSUMER_SECRET + "&" + GateWorld.ACCESS_SECRET));
      StringBuilder h = new StringBuilder("OAuth realm=\"Fuzz\"");
      for (Param x : p) {
        h.append(", ").append(x.name()).append("=\"").append(PercentCodec.encode(x.value())).append('"');
      }
      write("valid-oauth-plaintext", "GET /1.0/lists\n" + h + "\n\n");
    }
  }
}
