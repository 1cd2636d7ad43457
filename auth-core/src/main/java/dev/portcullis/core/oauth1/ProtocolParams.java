package dev.portcullis.core.oauth1;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.http.AuthParams;
import dev.portcullis.core.http.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.PercentCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one request, gathered as RFC 5849 §3.4.1.3.1 and §3.5 say: the OAuth
 * {@code Authorization} header, the query, and a form-encoded body, each decoded exactly once.
 *
 * <p>Every protocol parameter may appear once, in one place: a repeat, or protocol parameters spread
 * over two places, is refused with a {@link MalformedException} (§3.5 lets a client use only one
 * method). Not thread-safe; one per request.
 */
final class ProtocolParams {
  /** Longest nonce kept in the replay guard, so a hostile client cannot make keys huge. */
  static final int MAX_NONCE_LENGTH = 255;

  private static final int HEADER = 1;
  private static final int QUERY = 2;
  private static final int BODY = 4;

  /** Every parameter that enters the base string: no {@code oauth_signature}, no header realm. */
  final List<Param> signed = new ArrayList<>(16);
  @Nullable String consumerKey;
  @Nullable String token;
  @Nullable String signatureMethod;
  @Nullable String signature;
  @Nullable String timestamp;
  @Nullable String nonce;
  @Nullable String version;
  @Nullable String callback;
  @Nullable String verifier;
  @Nullable String bodyHash;
  private @Nullable List<Param> others;
  private int locations;

  private ProtocolParams() {}

  /**
   * Gathers the parameters of {@code request}.
   *
   * @param oauthCredentials what follows {@code OAuth} in the Authorization header, or null when the
   *     request carries no OAuth header
   * @throws MalformedException on bad encoding, a repeated protocol parameter, or protocol
   *     parameters in two places
   */
  static ProtocolParams collect(AuthRequest request, @Nullable String oauthCredentials) {
    ProtocolParams p = new ProtocolParams();
    if (oauthCredentials != null) {
      Map<String, String> header = AuthParams.parse(oauthCredentials);
      for (Map.Entry<String, String> e : header.entrySet()) {
        String name = e.getKey();
        if (name.equals("realm")) {
          continue; // §3.4.1.3.1: the header's realm is not signed
        }
        p.add(name, PercentCodec.decode(e.getValue(), false), HEADER);
      }
    }
    String query = request.rawQuery();
    if (query != null && !query.isEmpty()) {
      // §3.4.1.3.1 decodes the query as application/x-www-form-urlencoded, so '+' is a space
      for (Param q : FormCodec.decode(query)) {
        p.add(q.name(), q.value(), QUERY);
      }
    }
    for (Param f : request.formParameters()) {
      p.add(f.name(), f.value(), BODY);
    }
    return p;
  }

  private void add(String name, String value, int location) {
    if (!name.startsWith("oauth_")) {
      signed.add(new Param(name, value));
      return;
    }
    if (locations != 0 && locations != location) {
      throw new MalformedException("OAuth protocol parameters must all come from one place "
          + "(the Authorization header, the query or the form body)");
    }
    locations = location;
    if (set(name, value)) {
      throw new MalformedException("OAuth parameter '" + safe(name) + "' appears more than once");
    }
    if (!name.equals("oauth_signature")) {
      signed.add(new Param(name, value));
    }
  }

  /** Stores a protocol parameter; returns true if it was already present. */
  private boolean set(String name, String value) {
    String old;
    switch (name) {
      case "oauth_consumer_key" -> { old = consumerKey; consumerKey = value; }
      case "oauth_token" -> { old = token; token = value; }
      case "oauth_signature_method" -> { old = signatureMethod; signatureMethod = value; }
      case "oauth_signature" -> { old = signature; signature = value; }
      case "oauth_timestamp" -> { old = timestamp; timestamp = value; }
      case "oauth_nonce" -> { old = nonce; nonce = value; }
      case "oauth_version" -> { old = version; version = value; }
      case "oauth_callback" -> { old = callback; callback = value; }
      case "oauth_verifier" -> { old = verifier; verifier = value; }
      case "oauth_body_hash" -> { old = bodyHash; bodyHash = value; }
      default -> {
        if (others == null) {
          others = new ArrayList<>(2);
        }
        for (Param o : others) {
          if (o.name().equals(name)) {
            return true;
          }
        }
        others.add(new Param(name, value));
        return false;
      }
    }
    return old != null;
  }

  /** Every protocol parameter but the signature, decoded. */
  Map<String, String> protocolParameters() {
    Map<String, String> m = new HashMap<>(16);
    put(m, "oauth_consumer_key", consumerKey);
    put(m, "oauth_token", token);
    put(m, "oauth_signature_method", signatureMethod);
    put(m, "oauth_timestamp", timestamp);
    put(m, "oauth_nonce", nonce);
    put(m, "oauth_version", version);
    put(m, "oauth_callback", callback);
    put(m, "oauth_verifier", verifier);
    put(m, "oauth_body_hash", bodyHash);
    if (others != null) {
      for (Param o : others) {
        m.put(o.name(), o.value());
      }
    }
    return m;
  }

  private static void put(Map<String, String> m, String name, @Nullable String value) {
    if (value != null) {
      m.put(name, value);
    }
  }

  private static String safe(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }
}
