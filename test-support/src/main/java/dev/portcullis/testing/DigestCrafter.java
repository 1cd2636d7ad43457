package dev.portcullis.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crafts HTTP Digest {@code Authorization} headers from the RFC 7616 section 3.4.1 formulas
 * (response, A1, A2 with {@code auth-int}), for the requests no stock client makes on purpose:
 * replays, a wrong {@code uri}, a tampered {@code auth-int} body.
 *
 * <pre>{@code
 * String nonce = DigestCrafter.challenge(r.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
 * String h = DigestCrafter.authorization("GET", "/contacts", "alice", "secret", "realm@example",
 *     "SHA-256", nonce, "00000001", "auth", new byte[0]);
 * }</pre>
 *
 * <p>The challenge parser is a test's: it expects well-formed server output and fails with
 * {@link AssertionError} (or an index exception) otherwise. The client nonce is derived from
 * {@code nc}, so a crafted header is reproducible.
 *
 * <p>Stateless and thread-safe.
 */
public final class DigestCrafter {
  private DigestCrafter() {}

  /**
   * The lower-case hex digest of {@code data} under an RFC 7616 algorithm name (MD5, SHA-256,
   * SHA-512-256).
   *
   * @throws AssertionError if the JDK lacks the algorithm
   */
  public static String hex(String algorithm, byte[] data) {
    try {
      String jdk = algorithm.equalsIgnoreCase("SHA-512-256") ? "SHA-512/256" : algorithm;
      StringBuilder sb = new StringBuilder();
      for (byte b : MessageDigest.getInstance(jdk).digest(data)) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** {@link #hex(String, byte[])} of the UTF-8 bytes of {@code s}. */
  public static String hex(String algorithm, String s) {
    return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The params of the first challenge for {@code algorithm} among the {@code WWW-Authenticate} values.
   *
   * @throws AssertionError if no challenge names that algorithm
   */
  public static Map<String, String> challenge(List<String> wwwAuthenticate, String algorithm) {
    for (String c : wwwAuthenticate) {
      Map<String, String> p = params(c.substring(c.indexOf(' ') + 1));
      if (algorithm.equalsIgnoreCase(p.get("algorithm"))) {
        return p;
      }
    }
    throw new AssertionError("no " + algorithm + " challenge in " + wwwAuthenticate);
  }

  /** The {@code name=value} / {@code name="value"} pairs of an auth-param list, in order. */
  public static Map<String, String> params(String s) {
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

  /**
   * A complete {@code Authorization: Digest ...} value; {@code body} counts only for
   * {@code qop=auth-int}.
   */
  public static String authorization(String method, String uri, String username, String password, String realm,
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
