package dev.portcullis.jaxrs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crafts Digest Authorization headers from the RFC 7616 §3.4 formulas, for the requests no stock
 * client makes on purpose (replays, wrong uri, tampered auth-int bodies).
 */
final class DigestCrafter {
  private DigestCrafter() {}

  static String hex(String algorithm, byte[] data) {
    try {
      String jdk = algorithm.equalsIgnoreCase("SHA-512-256") ? "SHA-512/256" : algorithm;
      StringBuilder sb = new StringBuilder();
      for (byte b : MessageDigest.getInstance(jdk).digest(data)) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String hex(String algorithm, String s) {
    return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
  }

  /** The params of the first challenge for {@code algorithm} among the WWW-Authenticate values. */
  static Map<String, String> challenge(List<String> wwwAuthenticate, String algorithm) {
    for (String c : wwwAuthenticate) {
      Map<String, String> p = params(c.substring(c.indexOf(' ') + 1));
      if (algorithm.equalsIgnoreCase(p.get("algorithm"))) {
        return p;
      }
    }
    throw new AssertionError("no " + algorithm + " challenge in " + wwwAuthenticate);
  }

  static Map<String, String> params(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      String name = s.substring(i, eq).trim();
      int j = eq + 1;
      String value;
      if (s.charAt(j) == '"') {
        int end = s.indexOf('"', j + 1);
        value = s.substring(j + 1, end);
        j = end + 1;
      } else {
        int end = s.indexOf(',', j);
        end = end < 0 ? s.length() : end;
        value = s.substring(j, end).trim();
        j = end;
      }
      out.put(name, value);
      i = s.indexOf(',', j);
      i = i < 0 ? s.length() : i + 1;
    }
    return out;
  }

  static String authorization(String method, String uri, String username, String password, String realm,
      String algorithm, String nonce, String nc, String qop, byte[] body) {
    String cnonce = "c" + nc;
    String ha1 = hex(algorithm, username + ":" + realm + ":" + password);
    String a2 = method + ":" + uri + (qop.equals("auth-int") ? ":" + hex(algorithm, body) : "");
    String response = hex(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + hex(algorithm, a2));
    return "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
        + "\", algorithm=" + algorithm + ", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce
        + "\", response=\"" + response + "\"";
  }
}
