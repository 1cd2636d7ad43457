package dev.portcullis.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1", " "));

  private static Function<String, List<String>> headers(Map<String, List<String>> h) {
    return name -> h.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  @Test
  void trustsAddressesAndCidrBlocks() {
    assertThat(PROXIES.trusts("10.1.2.3")).isTrue();
    assertThat(PROXIES.trusts("10.255.255.255")).isTrue();
    assertThat(PROXIES.trusts("11.0.0.1")).isFalse();
    assertThat(PROXIES.trusts("192.168.1.7")).isTrue();
    assertThat(PROXIES.trusts("192.168.1.8")).isFalse();
    assertThat(PROXIES.trusts("2001:db8:1::5")).isTrue();
    assertThat(PROXIES.trusts("2001:db9::5")).isFalse();
    assertThat(PROXIES.trusts("::1")).isTrue();
    assertThat(PROXIES.trusts("[::1]")).isTrue();
    assertThat(PROXIES.trusts("0:0:0:0:0:0:0:1")).isTrue();
  }

  @Test
  void matchesIpv4MappedIpv6AgainstIpv4Blocks() {
    assertThat(PROXIES.trusts("::ffff:10.9.8.7")).isTrue();
    assertThat(PROXIES.trusts("::ffff:11.9.8.7")).isFalse();
  }

  @Test
  void partialBytePrefixes() {
    TrustedProxies p = TrustedProxies.of(List.of("172.16.0.0/12"));
    assertThat(p.trusts("172.16.0.1")).isTrue();
    assertThat(p.trusts("172.31.255.255")).isTrue();
    assertThat(p.trusts("172.32.0.0")).isFalse();
    assertThat(p.trusts("172.15.255.255")).isFalse();
    assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("8.8.8.8")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com", "1.2.3", "1", "256.1.1.1", "1.2.3.4.5", "", "1.2.3.04444", ".:1", "...:", "1:2", "::g"})
  void neverTrustsHostNamesOrBrokenLiterals(String peer) {
    assertThat(TrustedProxies.of(List.of("0.0.0.0/0", "::/0")).trusts(peer)).isFalse();
  }

  @Test
  void noneTrustsNobody() {
    assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
    assertThat(TrustedProxies.of(List.of()).trusts("127.0.0.1")).isFalse();
    assertThat(PROXIES.trusts(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy.local", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "10.0.0.0/-1"})
  void rejectsBadConfiguration(String entry) {
    assertThatThrownBy(() -> TrustedProxies.of(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ignoresForwardingHeadersFromUntrustedPeers() {
    TrustedProxies.Resolved r = PROXIES.resolve("203.0.113.9", "HTTP", "api", 8080, headers(Map.of(
        "Forwarded", List.of("proto=https;host=evil.example"),
        "X-Forwarded-Proto", List.of("https"))));
    assertThat(r).isEqualTo(new TrustedProxies.Resolved("http", "api", 8080, false));
    assertThat(r.secure()).isFalse();
  }

  @Test
  void forwardedFromTrustedPeerLastElementWins() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.5", "http", "internal", 8080, headers(Map.of(
        "Forwarded", List.of("proto=http;host=spoofed", "for=1.2.3.4;Proto=HTTPS;Host=\"shop.example:8443\""))));
    assertThat(r).isEqualTo(new TrustedProxies.Resolved("https", "shop.example", 8443, true));
    assertThat(r.secure()).isTrue();
  }

  @Test
  void forwardedSplitsElementsOnCommasOutsideQuotes() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.5", "http", "internal", 80, headers(Map.of(
        "Forwarded", List.of("proto=http, proto=https;host=\"a,b\""))));
    assertThat(r.scheme()).isEqualTo("https");
    assertThat(r.host()).isEqualTo("a,b");
    assertThat(r.port()).isEqualTo(443);
  }

  @Test
  void forwardedWinsOverXForwarded() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.5", "http", "internal", 80, headers(Map.of(
        "Forwarded", List.of("proto=https"),
        "X-Forwarded-Proto", List.of("http"))));
    assertThat(r.scheme()).isEqualTo("https");
  }

  @Test
  void xForwardedHeadersFromTrustedPeerLastValueWins() {
    TrustedProxies.Resolved r = PROXIES.resolve("::1", "http", "internal", 8080, headers(Map.of(
        "X-Forwarded-Proto", List.of("http, https"),
        "X-Forwarded-Host", List.of("api.example"),
        "X-Forwarded-Port", List.of("9443"))));
    assertThat(r).isEqualTo(new TrustedProxies.Resolved("https", "api.example", 9443, true));
  }

  @Test
  void ipv6ForwardedHostKeepsBrackets() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.1", "http", "internal", 80, headers(Map.of(
        "X-Forwarded-Proto", List.of("https"),
        "X-Forwarded-Host", List.of("[2001:db8::1]:8443"))));
    assertThat(r.host()).isEqualTo("[2001:db8::1]");
    assertThat(r.port()).isEqualTo(8443);
    TrustedProxies.Resolved bare = PROXIES.resolve("10.0.0.1", "http", "internal", 80, headers(Map.of(
        "X-Forwarded-Proto", List.of("https"),
        "X-Forwarded-Host", List.of("[2001:db8::1]"))));
    assertThat(bare.host()).isEqualTo("[2001:db8::1]");
    assertThat(bare.port()).isEqualTo(443);
  }

  @Test
  void ignoresUnknownProtoAndBadPorts() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.1", "http", "internal", 8080, headers(Map.of(
        "X-Forwarded-Proto", List.of("gopher"),
        "X-Forwarded-Port", List.of("99999"))));
    assertThat(r.scheme()).isEqualTo("http");
    assertThat(r.secure()).isFalse();
    TrustedProxies.Resolved r2 = PROXIES.resolve("10.0.0.1", "http", "internal", 8080, headers(Map.of(
        "X-Forwarded-Port", List.of("8x"))));
    assertThat(r2.port()).isEqualTo(8080);
  }

  @Test
  void trustedPeerWithoutHeadersKeepsConnectionValues() {
    TrustedProxies.Resolved r = PROXIES.resolve("10.0.0.1", "https", "api", 8443, headers(Map.of()));
    assertThat(r).isEqualTo(new TrustedProxies.Resolved("https", "api", 8443, true));
  }
}
