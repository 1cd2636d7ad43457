package dev.portcullis.core.fuzz;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 5849 §3.4 signer written for the fuzz tests, apart from the production code's own base
 * string and signature classes: it makes the seeds' signatures and, when the gate lets an OAuth
 * request through, says whether its signature really is the consumer's and token's HMAC over that
 * request.
 */
final class OAuthOracle {
  private OAuthOracle() {}

  /** The signature RFC 5849 gives for these parameters (already decoded) on this request line. */
  static String sign(String method, String baseUri, List<Param> params, String signatureMethod,
      String consumerSecret, String tokenSecret) {
    String key = PercentCodec.encode(consumerSecret) + "&" + PercentCodec.encode(tokenSecret);
    if (signatureMethod.equals("PLAINTEXT")) {
      return key;
    }
    List<String[]> enc = new ArrayList<>();
    for (Param p : params) {
      if (!p.name().equals("oauth_signature")) {
        enc.add(new String[] {PercentCodec.encode(p.name()), PercentCodec.encode(p.value())});
      }
    }
    enc.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder norm = new StringBuilder();
    for (String[] a : enc) {
      if (norm.length() > 0) {
        norm.append('&');
      }
      norm.append(a[0]).append('=').append(a[1]);
    }
    String base = method.toUpperCase(Locale.ROOT) + "&" + PercentCodec.encode(baseUri) + "&"
        + PercentCodec.encode(norm.toString());
    String alg = switch (signatureMethod) {
      case "HMAC-SHA1" -> "HmacSHA1";
      case "HMAC-SHA256" -> "HmacSHA256";
      case "HMAC-SHA512" -> "HmacSHA512";
      default -> throw new IllegalArgumentException("oracle does not sign " + signatureMethod);
    };
    try {
      Mac mac = Mac.getInstance(alg);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), alg));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String baseUri(AuthRequest r) {
    boolean defaultPort = r.scheme().equals("https") && r.port() == 443 || r.scheme().equals("http") && r.port() == 80;
    return r.scheme() + "://" + r.host().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + r.port())
        + (r.rawPath().isEmpty() ? "/" : r.rawPath());
  }

  /**
   * Whether {@code r} carries a signature made with the given secrets over exactly its parameters:
   * the {@code OAuth} header's (realm left out), the query's and a form body's.
   */
  static boolean genuinelySigned(AuthRequest r, @Nullable String oauthCredentials, String consumerSecret,
      String tokenSecret) {
    List<Param> all = new ArrayList<>();
    if (oauthCredentials != null) {
      for (Map.Entry<String, String> e : AuthParams.parse(oauthCredentials).entrySet()) {
        if (!e.getKey().equals("realm")) {
          all.add(new Param(e.getKey(), PercentCodec.decode(e.getValue(), false)));
        }
      }
    }
    all.addAll(FormCodec.decode(r.rawQuery()));
    all.addAll(r.formParameters());
    String signature = null;
    String method = null;
    for (Param p : all) {
      if (p.name().equals("oauth_signature")) {
        signature = p.value();
      } else if (p.name().equals("oauth_signature_method")) {
        method = p.value();
      }
    }
    if (signature == null || method == null) {
      return false;
    }
    return signature.equals(sign(r.method(), baseUri(r), all, method, consumerSecret, tokenSecret));
  }
}
