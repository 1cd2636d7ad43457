package dev.portcullis.core.oauth1;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parameter collection as it stood before the single-pass rewrite (decode to strings, then
 * encode again): the oracle {@link ParamBytesTest} compares the current one with. The parameters
 * of one request, gathered as RFC 5849 §3.4.1.3.1 and §3.5 say: the OAuth
 * {@code Authorization} header, the query, and a form-encoded body, each decoded exactly once.
 *
 * <p>Every protocol parameter may appear once, in one place: a repeat, or protocol parameters spread
 * over two places, is refused with a {@link MalformedException} (§3.5 lets a client use only one
 * method). Not thread-safe; one per request.
 */
final class LegacyProtocolParams {
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

  private LegacyProtocolParams() {}

  /**
   * Gathers the parameters of {@code request}.
   *
   * @param oauthCredentials what follows {@code OAuth} in the Authorization header, or null when the
   *     request carries no OAuth header
   * @throws MalformedException on bad encoding, a repeated protocol parameter, or protocol
   *     parameters in two places
   */
  static LegacyProtocolParams collect(AuthRequest request, @Nullable String oauthCredentials) {
    LegacyProtocolParams p = new LegacyProtocolParams();
    if (oauthCredentials != null) {
      p.parseHeader(oauthCredentials);
    }
    String query = request.rawQuery();
    if (query != null && !query.isEmpty()) {
      // §3.4.1.3.1 decodes the query as application/x-www-form-urlencoded, so '+' is a space
      for (Param q : FormCodec.decode(query)) {
        p.add(q, QUERY);
      }
    }
    for (Param f : request.formParameters()) {
      p.add(f, BODY);
    }
    return p;
  }

  /**
   * Parses the {@code OAuth} credentials (§3.5.1): comma-separated {@code name="value"} pairs whose
   * values are percent-encoded, so a backslash or control character is never legitimate. Parsed
   * straight into the slots (no intermediate map): this runs on every request. The header's
   * {@code realm} is skipped, as it is not signed (§3.4.1.3.1).
   */
  private void parseHeader(String s) {
    int n = s.length();
    int i = skipWs(s, 0);
    boolean first = true;
    boolean realm = false;
    int count = 0;
    while (i < n) {
      if (!first) {
        if (s.charAt(i) != ',') {
          throw new MalformedException("expected ',' between OAuth parameters");
        }
        i = skipWs(s, i + 1);
        if (i >= n) {
          break;
        }
        if (s.charAt(i) == ',') {
          continue; // RFC 9110 list syntax allows empty elements
        }
      }
      first = false;
      int nameStart = i;
      while (i < n && tchar(s.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        throw new MalformedException("expected an OAuth parameter name");
      }
      String name = knownName(s, nameStart, i);
      i = skipWs(s, i);
      if (i >= n || s.charAt(i) != '=') {
        // Not named: a bare word here may be a token68 credential (a secret) sent to the wrong scheme.
        throw new MalformedException("an OAuth parameter has no '='");
      }
      i = skipWs(s, i + 1);
      String raw;
      if (i < n && s.charAt(i) == '"') {
        int start = ++i;
        while (i < n && s.charAt(i) != '"') {
          char c = s.charAt(i);
          if (c == '\\' || c < 0x20 || c == 0x7f) {
            throw new MalformedException("OAuth parameter values are percent-encoded: no escapes or control characters");
          }
          i++;
        }
        if (i >= n) {
          throw new MalformedException("unterminated quoted-string in the OAuth header");
        }
        raw = s.substring(start, i);
        i++;
      } else {
        int start = i;
        while (i < n && tchar(s.charAt(i))) {
          i++;
        }
        raw = s.substring(start, i);
      }
      if (++count > AuthParams.MAX_PARAMS) {
        throw new MalformedException("too many OAuth parameters");
      }
      if (name.equalsIgnoreCase("realm")) {
        if (realm) {
          throw new MalformedException("OAuth parameter 'realm' appears more than once");
        }
        realm = true;
      } else {
        add(new Param(name, PercentCodec.decode(raw, false)), HEADER);
      }
      i = skipWs(s, i);
    }
  }

  private static final String[] KNOWN = {"oauth_consumer_key", "oauth_token", "oauth_signature_method",
      "oauth_signature", "oauth_timestamp", "oauth_nonce", "oauth_version", "oauth_callback",
      "oauth_verifier", "oauth_body_hash", "realm"};

  /** The constant for a protocol parameter name, so the common names cost no substring. */
  private static String knownName(String s, int from, int to) {
    int len = to - from;
    for (String k : KNOWN) {
      if (k.length() == len && s.startsWith(k, from)) {
        return k;
      }
    }
    return s.substring(from, to);
  }

  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TCHAR[c] = AuthParams.isTchar(c);
    }
  }

  private static boolean tchar(char c) {
    return c < 128 && TCHAR[c];
  }

  private static int skipWs(String s, int i) {
    int n = s.length();
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private void add(Param param, int location) {
    String name = param.name();
    if (!name.startsWith("oauth_")) {
      signed.add(param);
      return;
    }
    if (locations != 0 && locations != location) {
      throw new MalformedException("OAuth protocol parameters must all come from one place "
          + "(the Authorization header, the query or the form body)");
    }
    locations = location;
    if (set(name, param.value())) {
      throw new MalformedException("OAuth parameter '" + safe(name) + "' appears more than once");
    }
    if (!name.equals("oauth_signature")) {
      signed.add(param);
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

  private static String safe(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }
}
