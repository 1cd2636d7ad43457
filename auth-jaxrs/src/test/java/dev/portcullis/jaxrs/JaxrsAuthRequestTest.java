package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.TrustedProxies;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The origin {@link JaxrsAuthRequest} resolves, as the servlet adapter does: a direct peer's URI
 * scheme is checked up front, its {@code Host} header only when a scheme asks for the host. A pure
 * unit over a fake request context that counts {@code Host} reads.
 */
class JaxrsAuthRequestTest {
  static final class Fake {
    URI uri = URI.create("http://api.example:8080/items?key=k");
    final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    final Map<String, Object> properties = new HashMap<>();
    int hostReads;

    Fake() {
      headers.add("Host", "api.example:8080");
    }

    ContainerRequestContext context() {
      MultivaluedMap<String, String> counting = new MultivaluedHashMap<>() {
        @Override
        public List<String> get(Object key) {
          if ("Host".equals(key)) {
            hostReads++;
          }
          return headers.get(key);
        }
      };
      UriInfo info = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {UriInfo.class}, (p, m, a) -> {
            if (m.getName().equals("getRequestUri")) {
              return uri;
            }
            throw new UnsupportedOperationException(m.getName());
          });
      return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
            case "getUriInfo" -> info;
            case "getHeaders" -> counting;
            case "getMethod" -> "GET";
            case "getProperty" -> properties.get((String) a[0]);
            default -> throw new UnsupportedOperationException(m.getName());
          });
    }

    JaxrsAuthRequest view(AdapterOptions options) {
      return new JaxrsAuthRequest(context(), options, c -> "192.0.2.7");
    }
  }

  @Test
  void aDirectPeersSchemeAndSecurityComeFromTheConnectionWithoutReadingHost() {
    Fake f = new Fake();
    JaxrsAuthRequest view = f.view(AdapterOptions.defaults());
    assertThat(view.conflict()).isNull();
    assertThat(view.scheme()).isEqualTo("http");
    assertThat(view.secure()).isFalse();
    assertThat(view.toString()).isEqualTo("JaxrsAuthRequest[GET /items]");
    assertThat(f.hostReads).isZero();
    assertThat(view.host()).isEqualTo("api.example");
    assertThat(view.port()).isEqualTo(8080);
    assertThat(f.hostReads).isEqualTo(1);
  }

  @Test
  void anHttpsUriOnAPlainConnectionConflictsUpFront() {
    Fake f = new Fake();
    f.uri = URI.create("https://api.example:8080/items");
    JaxrsAuthRequest view = f.view(AdapterOptions.defaults());
    assertThat(view.conflict()).contains("HTTPS URL");
    assertThat(view.conflictDenial().status()).isEqualTo(400);
    assertThat(f.hostReads).isZero();
  }

  @Test
  void aHostConflictIsMalformedWhenTheHostIsAsked() {
    Fake f = new Fake();
    f.uri = URI.create("http://other.example:8080/items");
    JaxrsAuthRequest view = f.view(AdapterOptions.defaults());
    assertThat(view.conflict()).isNull();
    assertThatThrownBy(view::host).isInstanceOf(MalformedException.class)
        .hasMessageContaining("does not match the Host header");
    assertThatThrownBy(view::port).isInstanceOf(MalformedException.class);
    assertThat(view.conflict()).contains("does not match the Host header");
    assertThat(view.toString()).doesNotContain("other.example");
  }

  @Test
  void aTrustedProxysWordIsResolvedUpFront() {
    Fake f = new Fake();
    f.headers.add("X-Forwarded-Proto", "https");
    JaxrsAuthRequest view = new JaxrsAuthRequest(f.context(), AdapterOptions.builder()
        .trustedProxies(TrustedProxies.of(List.of("192.0.2.0/24"))).build(), c -> "192.0.2.7");
    assertThat(f.hostReads).isEqualTo(1);
    assertThat(view.secure()).isTrue();
    assertThat(view.scheme()).isEqualTo("https");
  }
}
