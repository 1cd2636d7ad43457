package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.RequestOrigin;
import dev.portcullis.core.http.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The origin {@link ServletAuthRequest} resolves: for a direct peer only the target's scheme is
 * checked up front and the {@code Host} header is left unread until a scheme asks for the host,
 * when a conflict a lax container let through is a malformed request. A pure unit over a fake
 * request that counts its {@code Host} reads (Jetty's own refusals are in
 * {@link SecureFromConnectionTest}).
 */
class ServletAuthRequestTest {
  /** A request as a container reports it; counts how often the {@code Host} header is read. */
  static final class Fake {
    String scheme = "http";
    String serverName = "api.example";
    int serverPort = 8080;
    List<String> hosts = List.of("api.example:8080");
    String remote = "192.0.2.7";
    List<String> authorization = List.of();
    final Map<String, Object> attributes = new HashMap<>();
    int hostReads;

    HttpServletRequest request() {
      return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
            case "getScheme" -> scheme;
            case "getServerName" -> serverName;
            case "getServerPort" -> serverPort;
            case "getLocalPort" -> 8080;
            case "getRemoteAddr" -> remote;
            case "getMethod" -> "GET";
            case "getRequestURI" -> "/items";
            case "getQueryString" -> null;
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "getHeaders" -> {
              if (((String) args[0]).equalsIgnoreCase("Host")) {
                hostReads++;
                yield Collections.enumeration(hosts);
              }
              yield Collections.enumeration(((String) args[0]).equalsIgnoreCase("Authorization")
                  ? authorization : List.of());
            }
            case "getHeader" -> throw new AssertionError("the view reads every value of a header");
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(m.getName());
          });
    }
  }

  @Test
  void aDirectPeersSchemeAndSecurityComeFromTheConnectionWithoutReadingHost() {
    Fake plain = new Fake();
    ServletAuthRequest view = new ServletAuthRequest(plain.request(), AdapterOptions.defaults());
    assertThat(view.conflict()).isNull();
    assertThat(view.scheme()).isEqualTo("http");
    assertThat(view.secure()).isFalse();
    assertThat(view.remoteAddress()).isEqualTo("192.0.2.7");
    assertThat(plain.hostReads).isZero();

    Fake tls = new Fake();
    tls.scheme = "https";
    tls.attributes.put(ServletAuthRequest.CIPHER_SUITE_ATTRIBUTE, "TLS_AES_128_GCM_SHA256");
    ServletAuthRequest secure = new ServletAuthRequest(tls.request(), AdapterOptions.defaults());
    assertThat(secure.conflict()).isNull();
    assertThat(secure.scheme()).isEqualTo("https");
    assertThat(secure.secure()).isTrue();
    assertThat(tls.hostReads).isZero();
  }

  @Test
  void anHttpsTargetOnAPlainConnectionConflictsUpFront() {
    Fake f = new Fake();
    f.scheme = "https";
    ServletAuthRequest view = new ServletAuthRequest(f.request(), AdapterOptions.defaults());
    assertThat(view.conflict()).contains("HTTPS URL");
    assertThat(view.conflictDenial().status()).isEqualTo(400);
    assertThat(view.secure()).isFalse();
    assertThat(f.hostReads).isZero();
  }

  @Test
  void theHostIsTheHostHeadersReadOnceWhenAsked() {
    Fake f = new Fake();
    ServletAuthRequest view = new ServletAuthRequest(f.request(), AdapterOptions.defaults());
    assertThat(view.host()).isEqualTo("api.example");
    assertThat(view.port()).isEqualTo(8080);
    assertThat(view.conflict()).isNull();
    assertThat(f.hostReads).isEqualTo(1);
  }

  @Test
  void aHostConflictALaxContainerLetThroughIsMalformedWhenTheHostIsAsked() {
    Fake other = new Fake();
    other.serverName = "other.example";
    ServletAuthRequest view = new ServletAuthRequest(other.request(), AdapterOptions.defaults());
    assertThat(view.conflict()).isNull();
    assertThatThrownBy(view::host).isInstanceOf(MalformedException.class)
        .hasMessageContaining("does not match the Host header");
    assertThatThrownBy(view::port).isInstanceOf(MalformedException.class);
    assertThat(view.conflict()).contains("does not match the Host header");

    Fake twice = new Fake();
    twice.hosts = List.of("api.example:8080", "other.example");
    assertThatThrownBy(new ServletAuthRequest(twice.request(), AdapterOptions.defaults())::host)
        .isInstanceOf(MalformedException.class).hasMessage("Send exactly one Host header.");
  }

  @Test
  void aSchemeThatReadsTheHostOfAConflictingRequestGets400() {
    Scheme hostReading = new Scheme() {
      @Override public String name() { return "Host"; }
      @Override public Outcome authenticate(AuthRequest request, String credentials) {
        return new Outcome.Authenticated(new Identity(request.host(), null, null, name(), Grants.none()));
      }
      @Override public List<String> challenges(AuthRequest request, Outcome.Rejected cause) {
        return List.of("Host");
      }
    };
    Gate gate = Gate.builder().scheme(hostReading).build();
    Fake f = new Fake();
    f.serverPort = 9999;
    f.authorization = List.of("Host x");
    Outcome o = gate.authenticate(new ServletAuthRequest(f.request(), AdapterOptions.defaults()));
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.MALFORMED_REQUEST));
  }

  @Test
  void aTrustedProxysWordIsResolvedUpFrontAndLeftForThePages() {
    Fake f = new Fake();
    f.remote = "10.0.0.5";
    f.hosts = List.of("api.example");
    AdapterOptions options = AdapterOptions.builder()
        .trustedProxies(TrustedProxies.of(List.of("10.0.0.0/8"))).build();
    assertThat(RequestOrigin.direct(f.remote, options)).isFalse();
    ServletAuthRequest view = new ServletAuthRequest(f.request(), options);
    assertThat(f.hostReads).isEqualTo(1);
    assertThat(f.attributes.get(ServletAuthRequest.ORIGIN_ATTRIBUTE)).isInstanceOf(RequestOrigin.class);
    assertThat(view.host()).isEqualTo("api.example");
  }

  @Test
  void aStaleOriginAttributeIsRemovedForADirectPeer() {
    Fake f = new Fake();
    f.attributes.put(ServletAuthRequest.ORIGIN_ATTRIBUTE, "stale");
    new ServletAuthRequest(f.request(), AdapterOptions.defaults());
    assertThat(f.attributes).doesNotContainKey(ServletAuthRequest.ORIGIN_ATTRIBUTE);
  }
}
