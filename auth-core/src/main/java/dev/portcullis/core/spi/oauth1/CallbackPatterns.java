package dev.portcullis.core.spi.oauth1;

import java.util.Locale;

/** Matches an {@code oauth_callback} against one registered pattern; see {@link Consumer#allowsCallback}. */
public final class CallbackPatterns {
  private CallbackPatterns() {}

  static boolean matches(String pattern, String callback) {
    if (pattern.equals("oob") || callback.equals("oob")) {
      return pattern.equals(callback);
    }
    if (pattern.endsWith(":*")) {
      // scheme://host:* -> that scheme and host, any port, any path; compared case-insensitively
      String prefix = pattern.substring(0, pattern.length() - 2).toLowerCase(Locale.ROOT);
      int schemeEnd = prefix.indexOf("://");
      if (schemeEnd < 0 || callback.length() < prefix.length()
          || !callback.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
        return false;
      }
      int i = prefix.length();
      int n = callback.length();
      if (i < n && callback.charAt(i) == ':') {
        int start = ++i;
        while (i < n && callback.charAt(i) >= '0' && callback.charAt(i) <= '9') {
          i++;
        }
        if (i == start || i - start > 5) {
          return false;
        }
      }
      return i == n || callback.charAt(i) == '/' || callback.charAt(i) == '?' || callback.charAt(i) == '#';
    }
    if (pattern.endsWith("*")) {
      return callback.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(callback);
  }
}
