package dev.portcullis.servlet;

import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEventListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one SLF4J line per {@link SecurityEvent}, as {@code key=value} pairs that a log shipper can
 * parse without a grammar of its own:
 *
 * <pre>
 * event=refused request_id=9f2c41d07a3b5e61 scheme=Digest reason=CREDENTIALS_INVALID status=401 identifier=alice address=192.0.2.7
 * event=throttled request_id=9f2c41d07a3b5e62 scheme=Digest identifier=alice address=192.0.2.7 retry_after=30
 * </pre>
 *
 * <p>Values come from the client (an identifier is whatever the credentials claimed), so each is
 * written bare only when it is made of letters, digits and {@code . _ : / @ % + -}, and otherwise
 * quoted with {@code "} {@code \} and every control character escaped ({@code \n}, {@code \u001b}),
 * and cut to 200 characters: nobody can forge a second line or a key. Events hold no secret, so
 * nothing else is masked. Throttling and unreachable stores are logged at {@code WARN}, the rest
 * at {@code INFO}, on the logger {@value #LOGGER}.
 *
 * <pre>{@code
 * Gate gate = Gate.builder().scheme(digest).listener(new AuditLogListener()).build();
 * }</pre>
 *
 * <p>Thread-safe and stateless.
 */
public final class AuditLogListener implements SecurityEventListener {
  /** The logger name: route it to its own file to keep an audit trail. */
  public static final String LOGGER = "dev.portcullis.audit";

  private static final int MAX_VALUE = 200;
  private final Logger log;

  /** A listener writing to {@value #LOGGER}. */
  public AuditLogListener() {
    this(LoggerFactory.getLogger(LOGGER));
  }

  /** A listener writing to {@code log}. */
  public AuditLogListener(Logger log) {
    this.log = log;
  }

  @Override
  public void onEvent(SecurityEvent event) {
    boolean warn = event instanceof SecurityEvent.Throttled || event instanceof SecurityEvent.StoreUnavailable;
    if (warn ? !log.isWarnEnabled() : !log.isInfoEnabled()) {
      return;
    }
    String line = line(event);
    if (warn) {
      log.warn(line);
    } else {
      log.info(line);
    }
  }

  /** The line for {@code event}, without the logger's own prefix. */
  static String line(SecurityEvent event) {
    StringBuilder sb = new StringBuilder(160).append("event=").append(event.kind());
    put(sb, "request_id", event.requestId());
    if (event instanceof SecurityEvent.Authenticated e) {
      put(sb, "scheme", e.scheme());
      put(sb, "subject", e.subject());
      put(sb, "application", e.application());
      put(sb, "address", e.address());
      put(sb, "micros", Long.toString(e.nanos() / 1_000));
    } else if (event instanceof SecurityEvent.Refused e) {
      put(sb, "scheme", e.scheme());
      put(sb, "reason", e.reason().name());
      put(sb, "status", Integer.toString(e.reason().status()));
      put(sb, "identifier", e.identifier());
      put(sb, "address", e.address());
    } else if (event instanceof SecurityEvent.Throttled e) {
      put(sb, "scheme", e.scheme());
      put(sb, "identifier", e.identifier());
      put(sb, "address", e.address());
      put(sb, "retry_after", Long.toString(e.retryAfterSeconds()));
    } else if (event instanceof SecurityEvent.Forbidden e) {
      put(sb, "scheme", e.scheme());
      put(sb, "subject", e.subject());
      put(sb, "scope", e.scope());
      put(sb, "resource", e.resource());
    } else if (event instanceof SecurityEvent.StoreUnavailable e) {
      put(sb, "scheme", e.scheme());
      put(sb, "address", e.address());
    } else if (event instanceof SecurityEvent.TokenCreated e) {
      put(sb, "account", e.account());
      put(sb, "token_id", e.tokenId());
      put(sb, "by", e.by());
    } else if (event instanceof SecurityEvent.TokenRevoked e) {
      put(sb, "account", e.account());
      put(sb, "token_id", e.tokenId());
      put(sb, "by", e.by());
    } else if (event instanceof SecurityEvent.KeyDisabled e) {
      put(sb, "api_key", e.apiKey());
      put(sb, "by", e.by());
    } else if (event instanceof SecurityEvent.CredentialChanged e) {
      put(sb, "account", e.account());
      put(sb, "id", e.id());
      put(sb, "by", e.by());
    }
    return sb.toString();
  }

  private static void put(StringBuilder sb, String key, @Nullable String value) {
    if (value == null) {
      return;
    }
    sb.append(' ').append(key).append('=');
    String v = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
    if (!v.isEmpty() && bare(v)) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean bare(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '.' || c == '_' || c == ':' || c == '/' || c == '@' || c == '%' || c == '+' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "AuditLogListener[" + log.getName() + "]";
  }
}
