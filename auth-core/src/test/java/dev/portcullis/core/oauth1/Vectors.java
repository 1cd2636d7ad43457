package dev.portcullis.core.oauth1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the test vectors under {@code src/test/resources/oauth1}. */
final class Vectors {
  private Vectors() {}

  static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/oauth1/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tab-separated rows; '#' lines are comments. */
  static List<String[]> rows(String name) {
    List<String[]> out = new ArrayList<>();
    for (String line : text(name).split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      out.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
    }
    return out;
  }

  /** Blocks of "key: value" lines separated by blank lines; '#' lines are comments. */
  static List<Map<String, String>> blocks(String name) {
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, String> cur = new LinkedHashMap<>();
    for (String line : text(name).split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty()) {
        if (!cur.isEmpty()) {
          out.add(cur);
          cur = new LinkedHashMap<>();
        }
        continue;
      }
      int colon = line.indexOf(':');
      String value = line.substring(colon + 1);
      cur.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  /** Replaces "U+XXXX" with that code point. */
  static String unescape(String s) {
    if (s.startsWith("U+")) {
      return new String(Character.toChars(Integer.parseInt(s.substring(2), 16)));
    }
    return s;
  }
}
