package dev.portcullis.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * A test-only Digest client written straight from the RFC 7616 §3.4 formulas, independent of the
 * production hashing code, so the two check each other.
 */
final class DigestTestClient {
  String username = "user";
  String password = "pw";
  String realm = "test";
  String algorithm = "SHA-256";
  String method = "GET";
  String uri = "/";
  String nonce = "";
  String nc = "00000001";
  String cnonce = "0a4f113b";
  String qop = "auth";
  byte[] body = new byte[0];
  boolean userhash;
  boolean omitAlgorithm;

  static String h(String alg, byte[] data) {
    try {
      String jdk = alg.toUpperCase().replace("-SESS", "").replace("SHA-512-256", "SHA-512/256");
      byte[] d = MessageDigest.getInstance(jdk).digest(data);
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String h(String alg, String s) {
    return h(alg, s.getBytes(StandardCharsets.UTF_8));
  }

  String response() {
    String ha1 = h(algorithm, username + ":" + realm + ":" + password);
    if (algorithm.toLowerCase().endsWith("-sess")) {
      ha1 = h(algorithm, ha1 + ":" + nonce + ":" + cnonce);
    }
    String a2 = method + ":" + uri + ("auth-int".equals(qop) ? ":" + h(algorithm, body) : "");
    String ha2 = h(algorithm, a2);
    return qop == null
        ? h(algorithm, ha1 + ":" + nonce + ":" + ha2)
        : h(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  String rspauth() {
    String saved = method;
    method = "";
    try {
      return response();
    } finally {
      method = saved;
    }
  }

  String header() {
    String user = userhash ? h(algorithm, username + ":" + realm) : username;
    StringBuilder sb = new StringBuilder();
    sb.append("username=\"").append(quote(user)).append("\", ");
    sb.append("realm=\"").append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(quote(uri)).append("\", ");
    if (!omitAlgorithm) {
      sb.append("algorithm=").append(algorithm).append(", ");
    }
    if (qop != null) {
      sb.append("qop=").append(qop).append(", nc=").append(nc).append(", cnonce=\"").append(quote(cnonce)).append("\", ");
    }
    if (userhash) {
      sb.append("userhash=true, ");
    }
    sb.append("response=\"").append(response()).append('"');
    return sb.toString();
  }

  /** The quoted-string body for {@code s}: backslash and double quote escaped (RFC 9110 §5.6.4). */
  static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Reads the auth-params of one challenge (test code: a simple split is enough for our own output). */
  static Map<String, String> challengeParams(String challenge) {
    Map<String, String> out = new HashMap<>();
    String rest = challenge.substring(challenge.indexOf(' ') + 1);
    for (String part : rest.split(", (?=[a-z]+=)")) {
      int eq = part.indexOf('=');
      String v = part.substring(eq + 1);
      if (v.startsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      out.put(part.substring(0, eq), v);
    }
    return out;
  }
}
