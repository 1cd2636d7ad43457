package dev.portcullis.core.internal;

import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a form body or a query string) into an
 * ordered list of {@link Param}s, keeping duplicates and empty values. Thread-safe (stateless).
 *
 * <pre>{@code
 * FormCodec.decode("a=1&a=&c+d=%E2%98%83"); // [a=1, a=, c d=☃]
 * }</pre>
 */
public final class FormCodec {
  /** Upper bound on pairs, so a hostile body cannot make us build a huge list. */
  public static final int MAX_PARAMS = 1000;

  private FormCodec() {}

  /**
   * Decodes {@code text}; a name without {@code =} gets an empty value, {@code +} is a space.
   *
   * @throws MalformedException on bad escapes, bytes that are not UTF-8, or too many pairs
   */
  public static List<Param> decode(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Param> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (end > start) {
        int eq = text.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = PercentCodec.decode(text.substring(start, end), true);
          value = "";
        } else {
          name = PercentCodec.decode(text.substring(start, eq), true);
          value = PercentCodec.decode(text.substring(eq + 1, end), true);
        }
        out.add(new Param(name, value));
        if (out.size() > MAX_PARAMS) {
          throw new MalformedException("too many parameters");
        }
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out;
  }

  /** Decodes a form body given as bytes (which must be ASCII before decoding, per the media type). */
  public static List<Param> decode(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        throw new MalformedException("form body has non-ASCII bytes; percent-encode them");
      }
    }
    return decode(new String(body, StandardCharsets.ISO_8859_1));
  }

  /** Encodes pairs as a form body with RFC 3986 escapes ({@code oauth_token=a&oauth_token_secret=b}). */
  public static String encode(List<Param> params) {
    StringBuilder sb = new StringBuilder();
    for (Param p : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      PercentCodec.encodeTo(sb, p.name());
      sb.append('=');
      PercentCodec.encodeTo(sb, p.value());
    }
    return sb.toString();
  }

  /** Whether {@code contentType} is {@code application/x-www-form-urlencoded} (parameters ignored). */
  public static boolean isForm(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return type.equalsIgnoreCase("application/x-www-form-urlencoded");
  }
}
