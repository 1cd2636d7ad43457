package dev.portcullis.core.fuzz;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Independent answers to "were these credentials genuinely valid?", straight from RFC 7617, RFC 6750
 * and RFC 7616, so a fuzz target can tell a correct acceptance from a forged one.
 */
final class Oracles {
  private Oracles() {}

  static String hex(String algorithm, byte[] data) {
    try {
      String jdk = algorithm.toUpperCase(java.util.Locale.ROOT).replace("-SESS", "");
      return HexFormat.of().formatHex(MessageDigest.getInstance(jdk).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String hex(String algorithm, String s) {
    return hex(algorithm, s.getBytes(StandardCharsets.UTF_8));
  }

  static String ha1Hex(String algorithm, String user, String realm, String password) {
    return hex(algorithm, user + ":" + realm + ":" + password);
  }

  /** Bearer: the token exactly. Basic: base64 of the token and an empty password. */
  static boolean genuineToken(String scheme, String credentials, String token) {
    if (scheme.equals("Bearer")) {
      return credentials.equals(token);
    }
    try {
      return new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8).equals(token + ":");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a Digest response is the RFC 7616 §3.4.1 response of the planted user's password. */
  static boolean genuineDigest(AuthRequest r, String credentials, String user, String realm, String password) {
    Map<String, String> p = AuthParams.parse(credentials);
    String name = p.get("username");
    if (name == null && p.get("username*") != null) {
      String star = p.get("username*");
      if (!star.regionMatches(true, 0, "UTF-8''", 0, 7)) {
        return false;
      }
      name = PercentCodec.decode(star.substring(7), false);
    }
    String alg = p.getOrDefault("algorithm", "MD5");
    String nonce = p.get("nonce");
    String cnonce = p.get("cnonce");
    String qop = p.get("qop");
    String uri = p.get("uri");
    String response = p.get("response");
    if (!user.equals(name) || !realm.equals(p.get("realm")) || nonce == null || uri == null || response == null
        || qop == null || cnonce == null || p.get("nc") == null) {
      return false;
    }
    String ha1 = ha1Hex(alg, user, realm, password);
    if (alg.toLowerCase(java.util.Locale.ROOT).endsWith("-sess")) {
      ha1 = hex(alg, ha1 + ":" + nonce + ":" + cnonce);
    }
    String a2 = r.method() + ":" + uri + (qop.equals("auth-int") ? ":" + hex(alg, r.body()) : "");
    String expected = hex(alg, ha1 + ":" + nonce + ":" + p.get("nc") + ":" + cnonce + ":" + qop + ":" + hex(alg, a2));
    return expected.equalsIgnoreCase(response);
  }

  /** What follows the scheme name in an Authorization value, or null if {@code scheme} is not its scheme. */
  static @Nullable String credentialsFor(String scheme, @Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    int start = 0;
    while (start < authorization.length() && (authorization.charAt(start) == ' ' || authorization.charAt(start) == '\t')) {
      start++;
    }
    String a = authorization.substring(start);
    if (a.length() < scheme.length() || !a.regionMatches(true, 0, scheme, 0, scheme.length())) {
      return null;
    }
    String rest = a.substring(scheme.length());
    if (!rest.isEmpty() && rest.charAt(0) != ' ' && rest.charAt(0) != '\t') {
      return null;
    }
    int i = 0;
    while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
      i++;
    }
    return rest.substring(i);
  }
}
