package dev.portcullis.demo.lists;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a POST whose OAuth parameters travel in the form body, as the seed's AWeber examples send
 * them (RFC 5849 §3.5.2), written from §3.4 for this test alone. Returns the form body.
 */
final class FormSigner {
  private FormSigner() {}

  static String signedBody(String url, Map<String, String> params, String consumerSecret, String tokenSecret) {
    return signed("POST", url, params, consumerSecret, tokenSecret);
  }

  /** The same for {@code method}: a GET sends the result as its query string (§3.5.3). */
  static String signed(String method, String url, Map<String, String> params, String consumerSecret,
      String tokenSecret) {
    Map<String, String> all = new TreeMap<>(params);
    List<String> pairs = new ArrayList<>();
    all.forEach((k, v) -> pairs.add(enc(k) + "=" + enc(v)));
    pairs.sort(Comparator.naturalOrder());
    String base = method + "&" + enc(url) + "&" + enc(String.join("&", pairs));
    String key = enc(consumerSecret) + "&" + enc(tokenSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      String sig = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
      return String.join("&", pairs) + "&oauth_signature=" + enc(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
