package dev.portcullis.core.internal;

/**
 * Writes the small, flat JSON error bodies the gate sends ({@code {"error": "...", "message": "..."}}).
 *
 * <p>The core depends on the JDK alone, so it does not pull in a JSON library for two string
 * fields; adapters and applications use Jackson for everything else. Thread-safe (stateless).
 */
public final class JsonText {
  private JsonText() {}

  /** Renders {@code {"status": status, "error": error, "message": message}}. */
  public static String error(int status, String error, String message) {
    StringBuilder sb = new StringBuilder(64 + message.length());
    sb.append("{\"status\":").append(status).append(",\"error\":");
    string(sb, error);
    sb.append(",\"message\":");
    string(sb, message);
    return sb.append('}').toString();
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
