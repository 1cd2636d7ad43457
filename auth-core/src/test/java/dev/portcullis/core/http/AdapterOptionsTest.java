package dev.portcullis.core.http;

import dev.portcullis.core.internal.BoundedBody;
import dev.portcullis.core.internal.RedactedFailure;
import dev.portcullis.core.Refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Denial;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterOptionsTest {
  @Test
  void defaultsAreOnePlaceOneValueEach() {
    AdapterOptions d = AdapterOptions.defaults();
    assertThat(d.maxBodyBytes()).isEqualTo(1 << 20).isEqualTo(AdapterOptions.DEFAULT_MAX_BODY_BYTES);
    assertThat(d.swallowLimit()).isEqualTo(64 * 1024).isEqualTo(AdapterOptions.DEFAULT_SWALLOW_LIMIT);
    assertThat(d.trustedProxies().trusts("127.0.0.1")).isFalse();
    AdapterOptions o = AdapterOptions.builder().maxBodyBytes(0).swallowLimit(7).build();
    assertThat(o.maxBodyBytes()).isZero();
    assertThat(o.swallowLimit()).isEqualTo(7);
  }

  @Test
  void aSettingGivenTwiceIsRefused() {
    assertThatThrownBy(() -> AdapterOptions.builder().maxBodyBytes(1).maxBodyBytes(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> AdapterOptions.builder().swallowLimit(1).swallowLimit(1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("swallowLimit");
    assertThatThrownBy(() -> AdapterOptions.builder().trustedProxies(TrustedProxies.none())
        .trustedProxies(TrustedProxies.none()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("trustedProxies");
  }

  @Test
  void negativeValuesAreRefused() {
    assertThatThrownBy(() -> AdapterOptions.builder().maxBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterOptions.builder().swallowLimit(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefusalClosesOnlyHttp1ConnectionsAndIsNeverCached() {
    Denial d = new Denial(401, List.of(new Header("WWW-Authenticate", "Basic realm=\"a\"")),
        new Denial.Body(Denial.Body.JSON, "{}"));
    assertThat(Refusal.of(d, false, "HTTP/1.1").headers()).containsExactly(
        new Header("WWW-Authenticate", "Basic realm=\"a\""), new Header("Cache-Control", "no-store"),
        new Header("Connection", "close"));
    // RFC 9113 section 8.2.2: no connection-specific header on HTTP/2.
    assertThat(Refusal.of(d, false, "HTTP/2.0").headers()).extracting(Header::name)
        .containsExactly("WWW-Authenticate", "Cache-Control");
    assertThat(Refusal.of(d, true, "HTTP/1.1").headers()).extracting(Header::name)
        .doesNotContain("Connection");
    assertThat(Denial.serverError().body().text()).doesNotContain("Exception");
  }

  @Test
  void theRedactedFailureKeepsFramesAndDropsMessages() {
    IllegalStateException e = new IllegalStateException("tok-s3cr3t", new RuntimeException("pw-s3cr3t"));
    RedactedFailure r = RedactedFailure.of(e);
    assertThat(r.getMessage()).contains("java.lang.IllegalStateException").doesNotContain("s3cr3t");
    assertThat(r.getStackTrace()).isEqualTo(e.getStackTrace());
    assertThat(r.getCause().getMessage()).contains("java.lang.RuntimeException").doesNotContain("s3cr3t");
  }

  @Test
  void theBoundedReaderRefusesAnOversizedBody() {
    byte[] five = {1, 2, 3, 4, 5};
    assertThat(BoundedBody.read(() -> new java.io.ByteArrayInputStream(five), -1, 5)).isEqualTo(five);
    assertThatThrownBy(() -> BoundedBody.read(() -> new java.io.ByteArrayInputStream(five), -1, 4))
        .isInstanceOf(BodyTooLargeException.class);
    assertThatThrownBy(() -> BoundedBody.read(() -> { throw new AssertionError("read"); }, 5, 4))
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(BoundedBody.swallow(() -> new java.io.ByteArrayInputStream(five), 5, false, null, false, 5)).isTrue();
    assertThat(BoundedBody.swallow(() -> new java.io.ByteArrayInputStream(five), -1, true, null, false, 4)).isFalse();
    assertThat(BoundedBody.swallow(() -> { throw new AssertionError("read"); }, 5, false, "100-continue", false, 10))
        .isFalse();
  }
}
