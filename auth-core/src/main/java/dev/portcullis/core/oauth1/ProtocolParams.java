package dev.portcullis.core.oauth1;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one request, gathered as RFC 5849 §3.4.1.3.1 and §3.5 say: the OAuth
 * {@code Authorization} header, the query, and a form-encoded body, each decoded exactly once.
 *
 * <p>Every protocol parameter may appear once, in one place: a repeat, or protocol parameters spread
 * over two places, is refused with a {@link MalformedException} (§3.5 lets a client use only one
 * method). Not thread-safe; one per request, released when its base string has been signed.
 */
final class ProtocolParams {
  /** Longest nonce kept in the replay guard, so a hostile client cannot make keys huge. */
  static final int MAX_NONCE_LENGTH = 255;

  private static final int HEADER = 1;
  private static final int QUERY = 2;
  private static final int BODY = 4;

  /**
   * Every parameter that enters the base string (no {@code oauth_signature}, no header realm),
   * encoded as the base string carries it; this thread's buffers until {@link #release()}.
   */
  private final ParamBytes signed;
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

  private ProtocolParams(ParamBytes signed) {
    this.signed = signed;
  }

  /**
   * Gathers the parameters of {@code request}; the caller calls {@link #release()} when done with
   * the base string.
   *
   * @param oauthCredentials what follows {@code OAuth} in the Authorization header, or null when the
   *     request carries no OAuth header
   * @throws MalformedException on bad encoding, a repeated protocol parameter, or protocol
   *     parameters in two places
   */
  static ProtocolParams collect(AuthRequest request, @Nullable String oauthCredentials) {
    return collect(request, oauthCredentials, 0);
  }

  /** As {@link #collect(AuthRequest, String)}, the credentials starting at {@code from} in {@code header}. */
  static ProtocolParams collect(AuthRequest request, @Nullable String header, int from) {
    ProtocolParams p = new ProtocolParams(ParamBytes.acquire());
    try {
      if (header != null) {
        p.parseHeader(header, from);
      }
      String query = request.rawQuery();
      if (query != null && !query.isEmpty()) {
        p.parseQuery(query);
      }
      for (Param f : request.formParameters()) {
        p.add(f.name(), f.value(), BODY);
      }
      return p;
    } catch (RuntimeException e) {
      p.release();
      throw e;
    }
  }

  /** The signed parameters, encoded; valid until {@link #release()}. */
  ParamBytes bytes() {
    return signed;
  }

  /** Hands this thread's buffers back; neither they nor {@link #bytes()} are used after this. */
  void release() {
    signed.release();
  }

  /**
   * Parses the {@code OAuth} credentials (§3.5.1): comma-separated {@code name="value"} pairs whose
   * values are percent-encoded, so a backslash or control character is never legitimate. Parsed
   * straight into the slots and the encoded parameters (no intermediate map or pair objects): this
   * runs on every request. The header's {@code realm} is skipped, as it is not signed (§3.4.1.3.1).
   */
  private void parseHeader(String s, int from) {
    int n = s.length();
    int i = skipWs(s, from);
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
      int known = knownAt(s, i, n);
      if (known >= 0) {
        i += KNOWN[known].length();
      } else {
        while (i < n && tchar(s.charAt(i))) {
          i++;
        }
      }
      int nameEnd = i;
      if (nameEnd == nameStart) {
        throw new MalformedException("expected an OAuth parameter name");
      }
      i = skipWs(s, i);
      if (i >= n || s.charAt(i) != '=') {
        // Not named: a bare word here may be a token68 credential (a secret) sent to the wrong scheme.
        throw new MalformedException("an OAuth parameter has no '='");
      }
      i = skipWs(s, i + 1);
      int rawStart;
      int rawEnd;
      int plain; // the end of the value's leading run of unreserved characters
      if (i < n && s.charAt(i) == '"') {
        rawStart = ++i;
        rawEnd = s.indexOf('"', rawStart);
        plain = ParamBytes.plainEnd(s, rawStart, rawEnd < 0 ? n : rawEnd);
        if (plain != rawEnd) {
          checkQuoted(s, plain, rawEnd < 0 ? n : rawEnd); // unreserved characters need no check
        }
        if (rawEnd < 0) {
          throw new MalformedException("unterminated quoted-string in the OAuth header");
        }
        i = rawEnd + 1;
      } else {
        rawStart = i;
        while (i < n && tchar(s.charAt(i))) {
          i++;
        }
        rawEnd = i;
        plain = ParamBytes.plainEnd(s, rawStart, rawEnd);
      }
      if (++count > AuthParams.MAX_PARAMS) {
        throw new MalformedException("too many OAuth parameters");
      }
      if (known < 0 && nameEnd - nameStart == 5 && s.regionMatches(true, nameStart, "realm", 0, 5)) {
        if (realm) {
          throw new MalformedException("OAuth parameter 'realm' appears more than once");
        }
        realm = true;
      } else {
        // header names are taken as they are; values are percent-encoded (§3.5.1)
        int mark = signed.mark();
        if (known >= 0) {
          signed.appendPlain(s, nameStart, nameEnd); // the protocol names are unreserved characters
        } else {
          signed.appendText(s, nameStart, nameEnd);
        }
        int encodedNameEnd = signed.mark();
        signed.appendPlain(s, rawStart, plain);
        if (plain != rawEnd) {
          signed.appendWireRest(s, plain, rawEnd, false);
        }
        if (known >= 0 || s.startsWith("oauth_", nameStart)) {
          String name = known >= 0 ? KNOWN[known] : s.substring(nameStart, nameEnd);
          String raw = knownValue(s, rawStart, rawEnd);
          String value = plain == rawEnd ? raw : PercentCodec.decode(raw, false);
          if (protocol(known, name, value, HEADER)) {
            signed.commit(mark, encodedNameEnd);
          } else {
            signed.rollback(mark);
          }
        } else {
          signed.commit(mark, encodedNameEnd);
        }
      }
      i = skipWs(s, i);
    }
  }

  /**
   * Decodes the query as {@code application/x-www-form-urlencoded} (§3.4.1.3.1: {@code +} is a
   * space), as {@code FormCodec.decode} does: empty pairs skipped, a name without {@code =} has an
   * empty value, at most {@link FormCodec#MAX_PARAMS} pairs. Every pair is decoded (and any bad one
   * refused) before the protocol parameters among them are checked, as decoding the whole query
   * first would.
   */
  private void parseQuery(String text) {
    int n = text.length();
    int start = 0;
    int count = 0;
    int[] protocol = null; // segment bounds of oauth_* pairs, checked once the whole query decoded
    int protocolCount = 0;
    while (start <= n) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (end > start) {
        int eq = text.indexOf('=', start);
        if (eq < 0 || eq > end) {
          eq = end;
        }
        int mark = signed.mark();
        signed.appendWire(text, start, eq, true);
        int encodedNameEnd = signed.mark();
        signed.appendWire(text, Math.min(eq + 1, end), end, true);
        if (++count > FormCodec.MAX_PARAMS) {
          throw new MalformedException("too many parameters");
        }
        if (signed.startsWithOauth(mark)) {
          signed.rollback(mark);
          if (protocol == null) {
            protocol = new int[12];
          } else if (protocolCount * 3 == protocol.length) {
            protocol = Arrays.copyOf(protocol, protocol.length * 2);
          }
          protocol[protocolCount * 3] = start;
          protocol[protocolCount * 3 + 1] = eq;
          protocol[protocolCount * 3 + 2] = end;
          protocolCount++;
        } else {
          signed.commit(mark, encodedNameEnd);
        }
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    for (int k = 0; k < protocolCount; k++) {
      int s = protocol[k * 3];
      int eq = protocol[k * 3 + 1];
      int end = protocol[k * 3 + 2];
      String name = PercentCodec.decode(text.substring(s, eq), true);
      String value = eq < end ? PercentCodec.decode(text.substring(eq + 1, end), true) : "";
      add(name, value, QUERY);
    }
  }

  /** Refuses a backslash or control character in a quoted value, which percent-encoding never leaves. */
  private static void checkQuoted(String s, int from, int to) {
    for (int j = from; j < to; j++) {
      char c = s.charAt(j);
      if (c == '\\' || c < 0x20 || c == 0x7f) {
        throw new MalformedException("OAuth parameter values are percent-encoded: no escapes or control characters");
      }
    }
  }

  /** The protocol parameters with a slot, by index; see {@link #set(int, String)}. */
  private static final String[] KNOWN = {"oauth_consumer_key", "oauth_token", "oauth_signature_method",
      "oauth_signature", "oauth_timestamp", "oauth_nonce", "oauth_version", "oauth_callback",
      "oauth_verifier", "oauth_body_hash"};
  private static final int CONSUMER_KEY = 0;
  private static final int TOKEN = 1;
  private static final int SIGNATURE_METHOD = 2;
  private static final int SIGNATURE = 3;
  private static final int TIMESTAMP = 4;
  private static final int NONCE = 5;
  private static final int VERSION = 6;
  private static final int CALLBACK = 7;
  private static final int VERIFIER = 8;
  private static final int BODY_HASH = 9;

  /**
   * The index in {@link #KNOWN} of the protocol parameter name starting at {@code from} in
   * {@code s} (and ending where the token does), or -1: one comparison, so a header's names are
   * read once rather than scanned, hashed and compared.
   */
  private static int knownAt(String s, int from, int n) {
    if (from + 7 > n || !s.startsWith("oauth_", from)) {
      return -1;
    }
    switch (s.charAt(from + 6)) {
      case 'c' -> {
        return first(s, from, n, CONSUMER_KEY, CALLBACK);
      }
      case 't' -> {
        return first(s, from, n, TOKEN, TIMESTAMP);
      }
      case 's' -> {
        return first(s, from, n, SIGNATURE_METHOD, SIGNATURE);
      }
      case 'n' -> {
        return first(s, from, n, NONCE, NONCE);
      }
      case 'v' -> {
        return first(s, from, n, VERSION, VERIFIER);
      }
      case 'b' -> {
        return first(s, from, n, BODY_HASH, BODY_HASH);
      }
      default -> {
        return -1;
      }
    }
  }

  /** Whichever of {@code KNOWN[a]} and {@code KNOWN[b]} is the whole token at {@code from}, or -1. */
  private static int first(String s, int from, int n, int a, int b) {
    if (isTokenAt(s, from, n, KNOWN[a])) {
      return a;
    }
    return b != a && isTokenAt(s, from, n, KNOWN[b]) ? b : -1;
  }

  /** Whether the token at {@code from} is {@code name}: the text matches and no token character follows. */
  private static boolean isTokenAt(String s, int from, int n, String name) {
    int end = from + name.length();
    // the first seven characters ("oauth_" and the one switched on) are known to match
    return end <= n && s.regionMatches(from + 7, name, 7, name.length() - 7) && (end == n || !tchar(s.charAt(end)));
  }

  /** The index in {@link #KNOWN} of {@code name}, or -1. */
  private static int knownIndex(String name) {
    for (int k = 0; k < KNOWN.length; k++) {
      if (KNOWN[k].equals(name)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The raw header value, as the constant for the two values nearly every request carries, so
   * they cost no substring.
   */
  private static String knownValue(String s, int from, int to) {
    int len = to - from;
    if (len == 9 && s.startsWith("HMAC-SHA1", from)) {
      return "HMAC-SHA1";
    }
    if (len == 3 && s.startsWith("1.0", from)) {
      return "1.0";
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

  /** Adds a decoded parameter: a protocol one is checked and stored, and all but the signature are signed. */
  private void add(String name, String value, int location) {
    if (!name.startsWith("oauth_") || protocol(knownIndex(name), name, value, location)) {
      signed.add(name, value);
    }
  }

  /**
   * Checks and stores protocol parameter {@code name}; returns whether it is signed (every one
   * but {@code oauth_signature}).
   */
  private boolean protocol(int known, String name, String value, int location) {
    if (locations != 0 && locations != location) {
      throw new MalformedException("OAuth protocol parameters must all come from one place "
          + "(the Authorization header, the query or the form body)");
    }
    locations = location;
    if (known >= 0 ? set(known, value) : other(name, value)) {
      throw new MalformedException("OAuth parameter '" + safe(name) + "' appears more than once");
    }
    return known != SIGNATURE;
  }

  /** Stores protocol parameter {@code KNOWN[known]}; returns true if it was already present. */
  private boolean set(int known, String value) {
    String old;
    switch (known) {
      case CONSUMER_KEY -> { old = consumerKey; consumerKey = value; }
      case TOKEN -> { old = token; token = value; }
      case SIGNATURE_METHOD -> { old = signatureMethod; signatureMethod = value; }
      case SIGNATURE -> { old = signature; signature = value; }
      case TIMESTAMP -> { old = timestamp; timestamp = value; }
      case NONCE -> { old = nonce; nonce = value; }
      case VERSION -> { old = version; version = value; }
      case CALLBACK -> { old = callback; callback = value; }
      case VERIFIER -> { old = verifier; verifier = value; }
      case BODY_HASH -> { old = bodyHash; bodyHash = value; }
      default -> throw new IllegalArgumentException("not a protocol parameter index: " + known);
    }
    return old != null;
  }

  /** Stores an {@code oauth_} parameter this class has no slot for; returns true if it was already present. */
  private boolean other(String name, String value) {
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

  /** Every protocol parameter but the signature, decoded; built lazily, immutable. */
  Map<String, String> protocolParameters() {
    int extra = others == null ? 0 : others.size();
    String[] kv = new String[(9 + extra) * 2];
    int k = 0;
    k = put(kv, k, "oauth_consumer_key", consumerKey);
    k = put(kv, k, "oauth_token", token);
    k = put(kv, k, "oauth_signature_method", signatureMethod);
    k = put(kv, k, "oauth_timestamp", timestamp);
    k = put(kv, k, "oauth_nonce", nonce);
    k = put(kv, k, "oauth_version", version);
    k = put(kv, k, "oauth_callback", callback);
    k = put(kv, k, "oauth_verifier", verifier);
    k = put(kv, k, "oauth_body_hash", bodyHash);
    for (int i = 0; i < extra; i++) {
      k = put(kv, k, others.get(i).name(), others.get(i).value());
    }
    return new ParamMap(kv, k / 2);
  }

  private static int put(String[] kv, int k, String name, @Nullable String value) {
    if (value == null) {
      return k;
    }
    kv[k] = name;
    kv[k + 1] = value;
    return k + 2;
  }

  /**
   * An immutable map over name/value pairs that builds its entry set only if asked: most callers
   * read one or two parameters or none, and this runs on every verified request.
   */
  static final class ParamMap extends AbstractMap<String, String> {
    private final String[] kv;
    private final int size;
    private @Nullable Set<Map.Entry<String, String>> entries;

    ParamMap(String[] kv, int size) {
      this.kv = kv;
      this.size = size;
    }

    @Override
    public @Nullable String get(Object key) {
      for (int i = 0; i < size * 2; i += 2) {
        if (kv[i].equals(key)) {
          return kv[i + 1];
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      Set<Map.Entry<String, String>> e = entries;
      if (e == null) {
        Set<Map.Entry<String, String>> s = new LinkedHashSet<>();
        for (int i = 0; i < size * 2; i += 2) {
          s.add(new SimpleImmutableEntry<>(kv[i], kv[i + 1]));
        }
        e = Collections.unmodifiableSet(s);
        entries = e;
      }
      return e;
    }
  }

  private static String safe(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }
}
