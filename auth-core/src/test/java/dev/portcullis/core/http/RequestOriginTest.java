package dev.portcullis.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Secure is the connection's word (or a trusted proxy's), never the request line's. */
class RequestOriginTest {
  private static final AdapterOptions DEFAULTS = AdapterOptions.defaults();
  private static final AdapterOptions PROXIED = AdapterOptions.builder()
      .trustedProxies(TrustedProxies.of(List.of("10.0.0.0/8"))).build();

  private static Function<String, List<String>> headers(String... pairs) {
    Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return name -> m.getOrDefault(name, List.of());
  }

  private static RequestOrigin resolve(boolean tls, String peer, String tScheme, String tHost, int tPort,
      AdapterOptions options, String... headerPairs) {
    return RequestOrigin.resolve(new RequestOrigin.Connection(tls, peer, tls ? 8443 : 8080),
        new RequestOrigin.Target(tScheme, tHost, tPort), headers(headerPairs), options);
  }

  @Test
  void anHttpsTargetOnAPlainConnectionIsAConflictAndNotSecure() {
    RequestOrigin o = resolve(false, "192.0.2.7", "https", "api.example", 8443, DEFAULTS,
        "Host", "api.example:8443");
    assertThat(o.secure()).isFalse();
    assertThat(o.scheme()).isEqualTo("http");
    assertThat(o.conflict()).contains("HTTPS URL").doesNotContain("api.example");
  }

  @Test
  void anHttpTargetOverTlsIsAConflictToo() {
    RequestOrigin o = resolve(true, "192.0.2.7", "http", "api.example", 80, DEFAULTS, "Host", "api.example");
    assertThat(o.conflict()).contains("plain-HTTP URL");
    assertThat(o.secure()).isTrue();
  }

  @Test
  void originFormAgreesWithTheConnection() {
    RequestOrigin plain = resolve(false, "192.0.2.7", "http", "api.example", 8080, DEFAULTS,
        "Host", "api.example:8080");
    assertThat(plain.conflict()).isNull();
    assertThat(plain.secure()).isFalse();
    assertThat(plain.scheme() + "://" + plain.host() + ":" + plain.port()).isEqualTo("http://api.example:8080");
    RequestOrigin tls = resolve(true, "192.0.2.7", "https", "api.example", 443, DEFAULTS, "Host", "api.example");
    assertThat(tls.conflict()).isNull();
    assertThat(tls.secure()).isTrue();
    assertThat(tls.port()).isEqualTo(443);
  }

  @Test
  void aTargetAuthorityOtherThanHostIsAConflict() {
    assertThat(resolve(false, "192.0.2.7", "http", "evil.example", 8080, DEFAULTS,
        "Host", "api.example:8080").conflict()).contains("authority");
    assertThat(resolve(false, "192.0.2.7", "http", "api.example", 9999, DEFAULTS,
        "Host", "api.example:8080").conflict()).contains("authority");
    // Case, brackets and a trailing dot are the same host.
    assertThat(resolve(false, "192.0.2.7", "http", "API.example.", 8080, DEFAULTS,
        "Host", "api.example:8080").conflict()).isNull();
    assertThat(resolve(false, "::1", "http", "[::1]", 8080, DEFAULTS,
        "Host", "[::1]:8080").conflict()).isNull();
  }

  @Test
  void twoHostHeadersOrABadPortAreAConflict() {
    assertThat(resolve(false, "192.0.2.7", "http", "a", 80, DEFAULTS, "Host", "a", "Host", "b").conflict())
        .contains("one Host");
    assertThat(resolve(false, "192.0.2.7", "http", "a", 80, DEFAULTS, "Host", "a:99999").conflict())
        .contains("port");
  }

  @Test
  void withoutHostTheTargetAuthorityCounts() {
    // HTTP/2 carries :authority, not Host; its :scheme is still the client's word.
    RequestOrigin h2 = resolve(false, "192.0.2.7", "http", "api.example", 8080, DEFAULTS);
    assertThat(h2.conflict()).isNull();
    assertThat(h2.host()).isEqualTo("api.example");
    assertThat(resolve(false, "192.0.2.7", "https", "api.example", 8080, DEFAULTS).conflict()).isNotNull();
  }

  @Test
  void forwardedHeadersCountOnlyFromATrustedProxy() {
    RequestOrigin stranger = resolve(false, "192.0.2.7", "http", "api.example", 8080, PROXIED,
        "Host", "api.example:8080", "X-Forwarded-Proto", "https");
    assertThat(stranger.secure()).isFalse();
    RequestOrigin proxy = resolve(false, "10.1.2.3", "http", "api.example", 8080, PROXIED,
        "Host", "api.example:8080", "X-Forwarded-Proto", "https");
    assertThat(proxy.secure()).isTrue();
    assertThat(proxy.viaTrustedProxy()).isTrue();
    assertThat(proxy.port()).isEqualTo(443);
    // A container that applied the proxy's headers itself reports https: the proxy's word decides.
    RequestOrigin applied = resolve(false, "10.1.2.3", "https", "api.example", 443, PROXIED,
        "Host", "api.example", "X-Forwarded-Proto", "https");
    assertThat(applied.conflict()).isNull();
    assertThat(applied.secure()).isTrue();
    // But a proxy that does not say https leaves the request plain, whatever the target said.
    assertThat(resolve(false, "10.1.2.3", "https", "api.example", 443, PROXIED, "Host", "api.example").secure())
        .isFalse();
  }

  @Test
  void aPublicBaseUrlGivesSchemeAndAuthorityButNeverSecure() {
    AdapterOptions o = AdapterOptions.builder().publicBaseUrl(URI.create("https://api.example.com")).build();
    RequestOrigin r = resolve(false, "192.0.2.7", "http", "internal", 8080, o, "Host", "internal:8080");
    assertThat(r.scheme() + "://" + r.host() + ":" + r.port()).isEqualTo("https://api.example.com:443");
    assertThat(r.secure()).isFalse();
    assertThat(resolve(false, "192.0.2.7", "https", "api.example.com", 443, o, "Host", "api.example.com")
        .conflict()).isNotNull();
  }

  @Test
  void publicBaseUrlAndCacheControlAreCheckedAndSetOnce() {
    assertThatThrownBy(() -> AdapterOptions.builder().publicBaseUrl(URI.create("ftp://x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterOptions.builder().publicBaseUrl(URI.create("https://x/app")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterOptions.builder().publicBaseUrl(URI.create("https://u@x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterOptions.builder().publicBaseUrl(URI.create("https://x"))
        .publicBaseUrl(URI.create("https://y"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("publicBaseUrl");
    assertThat(AdapterOptions.defaults().cacheControl()).isEqualTo("no-store");
    assertThat(AdapterOptions.builder().cacheControl("").build().cacheControl()).isEmpty();
    assertThat(AdapterOptions.builder().cacheControl("private, max-age=0").build().cacheControl())
        .isEqualTo("private, max-age=0");
    assertThatThrownBy(() -> AdapterOptions.builder().cacheControl("no-store\r\nX: y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterOptions.builder().cacheControl("a").cacheControl("b"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cacheControl");
  }
}
