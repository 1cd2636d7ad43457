package dev.portcullis.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.core.http.TrustedProxies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary peers and forwarding headers against {@link TrustedProxies}. Input: UTF-8 lines, the
 * peer address first, then {@code Name: value} header lines (repeats allowed).
 *
 * <p>Properties: {@code resolve} never throws; the scheme is {@code http} or {@code https}, the port
 * 1 to 65535 and the host never null; an untrusted peer gets exactly the connection's own values;
 * and {@code of} refuses a bad entry only with {@link IllegalArgumentException}.
 */
class TrustedProxiesFuzzTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.of(List.of("10.0.0.0/8", "127.0.0.1", "::1", "2001:db8::/32", "192.168.1.0/25"));

  @FuzzTest(maxDuration = "60s")
  void resolve(byte[] data) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    String peer = lines[0];
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1));
      }
    }
    for (String scheme : List.of("http", "HTTPS")) {
      TrustedProxies.Resolved r = PROXIES.resolve(peer, scheme, "backend.internal", 8443,
          name -> headers.getOrDefault(name, List.of()));
      assertThat(r.scheme()).isIn("http", "https");
      assertThat(r.port()).isBetween(1, 65535);
      assertThat(r.host()).isNotNull();
      assertThat(r.viaTrustedProxy()).isEqualTo(PROXIES.trusts(peer));
      if (!r.viaTrustedProxy()) {
        assertThat(r).isEqualTo(new TrustedProxies.Resolved(scheme.toLowerCase(Locale.ROOT), "backend.internal",
            8443, false));
      }
      assertThat(TrustedProxies.none().resolve(peer, scheme, "h", 80, name -> headers.getOrDefault(name, List.of()))
          .viaTrustedProxy()).isFalse();
    }
  }

  /** Configuration entries: an IP literal or CIDR block is taken, anything else refused with a clear exception. */
  @FuzzTest(maxDuration = "60s")
  void configure(byte[] data) {
    List<String> entries = List.of(new String(data, StandardCharsets.UTF_8).split("\n", -1));
    TrustedProxies p;
    try {
      p = TrustedProxies.of(entries);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    for (String e : entries) {
      String s = e.trim();
      if (!s.isEmpty() && s.indexOf('/') < 0) {
        assertThat(p.trusts(s)).as("an address trusts itself: %s", s).isTrue();
      }
    }
  }

  @Test
  void aHostNameIsNeverAcceptedAsAProxy() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("localhost"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(PROXIES.trusts("localhost")).isFalse();
  }
}
