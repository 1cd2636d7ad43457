package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Reason;
import dev.portcullis.core.SecurityEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLogListenerTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void oneKeyValueLinePerEvent() {
    assertThat(AuditLogListener.line(new SecurityEvent.Refused(AT, "r1", "Digest", Reason.CREDENTIALS_INVALID,
        "7f2b%ctct_customer", "192.0.2.7", 1234)))
        .isEqualTo("event=refused request_id=r1 scheme=Digest reason=CREDENTIALS_INVALID status=401"
            + " identifier=7f2b%ctct_customer address=192.0.2.7");
    assertThat(AuditLogListener.line(new SecurityEvent.Throttled(AT, "r2", "Bearer", null, "2001:db8:0:0::/64", 30)))
        .isEqualTo("event=throttled request_id=r2 scheme=Bearer address=2001:db8:0:0::/64 retry_after=30");
    assertThat(AuditLogListener.line(new SecurityEvent.KeyDisabled(AT, null, "k1", "admin")))
        .isEqualTo("event=key_disabled api_key=k1 by=admin");
  }

  @Test
  void aClientChosenIdentifierCannotForgeALineOrAKey() {
    String evil = "alice\nevent=authenticated subject=root \"x\"\u001b[2J";
    String line = AuditLogListener.line(new SecurityEvent.Refused(AT, "r1", "Basic", Reason.TOKEN_UNKNOWN,
        evil, "192.0.2.7", 0));
    assertThat(line).doesNotContain("\n").doesNotContain("\u001b");
    assertThat(line).contains("identifier=\"alice\\nevent=authenticated subject=root \\\"x\\\"\\u001b[2J\"");
    assertThat(AuditLogListener.line(new SecurityEvent.Refused(AT, "r", null, Reason.MALFORMED_HEADER,
        "x".repeat(5000), "a", 0))).hasSizeLessThan(400);
  }
}
