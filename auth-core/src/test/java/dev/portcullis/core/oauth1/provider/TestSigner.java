package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal HMAC-SHA1 client signer written from RFC 5849 §3.4 for these tests, independent of the
 * verifier's own base-string code. POSTs with an {@code Authorization: OAuth} header and no body.
 */
final class TestSigner {
  private static final AtomicLong NONCES = new AtomicLong();

  private TestSigner() {}

  static AuthRequest post(String path, long timestamp, String consumerKey, String consumerSecret,
      String token, String tokenSecret, Map<String, String> extra) {
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_consumer_key", consumerKey);
    oauth.put("oauth_nonce", "n" + NONCES.incrementAndGet());
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_timestamp", Long.toString(timestamp));
    oauth.put("oauth_version", "1.0");
    if (token != null) {
      oauth.put("oauth_token", token);
    }
    oauth.putAll(extra);
    List<String[]> pairs = new ArrayList<>();
    oauth.forEach((k, v) -> pairs.add(new String[] {enc(k), enc(v)}));
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder norm = new StringBuilder();
    for (String[] p : pairs) {
      norm.append(norm.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    String base = "POST&" + enc("https://api.example.com" + path) + "&" + enc(norm.toString());
    String key = enc(consumerSecret) + "&" + enc(tokenSecret == null ? "" : tokenSecret);
    oauth.put("oauth_signature", hmacSha1(key, base));
    StringBuilder header = new StringBuilder("OAuth realm=\"test\"");
    oauth.forEach((k, v) -> header.append(", ").append(enc(k)).append("=\"").append(enc(v)).append('"'));
    return AuthRequests.builder().method("POST").scheme("https").host("api.example.com").port(443)
        .rawPath(path).header("Authorization", header.toString()).build();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static String hmacSha1(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
