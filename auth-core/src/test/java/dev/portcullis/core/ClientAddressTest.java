package dev.portcullis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.http.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final TrustedProxies proxy = TrustedProxies.of(List.of("10.0.0.1"));

  @Test
  void forwardingHeadersCountOnlyFromATrustedProxy() {
    AuthRequest fromStranger = AuthRequests.builder().remoteAddress("192.0.2.1")
        .header("X-Forwarded-For", "198.51.100.9").header("Forwarded", "for=198.51.100.8").build();
    assertThat(ClientAddress.of(fromStranger, proxy)).isEqualTo("192.0.2.1");

    AuthRequest viaProxy = AuthRequests.builder().remoteAddress("10.0.0.1")
        .header("X-Forwarded-For", "203.0.113.1, 198.51.100.9").build();
    assertThat(ClientAddress.of(viaProxy, proxy)).as("the entry our proxy appended").isEqualTo("198.51.100.9");

    AuthRequest forwarded = AuthRequests.builder().remoteAddress("10.0.0.1")
        .header("Forwarded", "for=203.0.113.1, for=\"[2001:db8:cafe:1:2:3:4:5]:4711\";proto=https").build();
    assertThat(ClientAddress.of(forwarded, proxy)).isEqualTo("2001:db8:cafe:1::/64");
  }

  @Test
  void ipv6CountsByItsSlash64AndJunkFallsBackToThePeer() {
    assertThat(ClientAddress.normalize("2001:db8::1")).isEqualTo("2001:db8:0:0::/64");
    assertThat(ClientAddress.normalize("2001:db8:0:0:ffff::2")).isEqualTo("2001:db8:0:0::/64");
    assertThat(ClientAddress.normalize("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(ClientAddress.normalize("192.0.2.7:4711")).isEqualTo("192.0.2.7");
    assertThat(ClientAddress.normalize("unknown")).isNull();
    assertThat(ClientAddress.normalize("evil.example")).isNull();
    assertThat(ClientAddress.normalize("999.1.1.1")).isNull();
    AuthRequest junk = AuthRequests.builder().remoteAddress("10.0.0.1").header("X-Forwarded-For", "_hidden").build();
    assertThat(ClientAddress.of(junk, proxy)).isEqualTo("10.0.0.1");
  }
}
