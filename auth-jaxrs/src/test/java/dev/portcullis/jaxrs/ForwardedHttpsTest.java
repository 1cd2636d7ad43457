package dev.portcullis.jaxrs;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.jaxrs.TestClients.Client;
import dev.portcullis.jaxrs.TestClients.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS-only endpoints behind a TLS-terminating proxy: forwarding headers count only from a trusted
 * peer, and the peer address reaches the feature through the documented servlet filter or a custom
 * resolver. Also checks the raw request facts the view hands to schemes.
 */
class ForwardedHttpsTest {
  private static final TestSchemes.Probe PROBE = new TestSchemes.Probe();
  private static JerseyOnJetty withFilter;
  private static JerseyOnJetty withoutFilter;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    Gate gate = Gate.builder().scheme(PROBE).requireSecure(true).build();
    TrustedProxies loopback = TrustedProxies.of(List.of("127.0.0.1", "::1"));
    Map<String, ResourceConfig> filtered = new LinkedHashMap<>();
    filtered.put("/trusting", app(PortcullisFeature.builder().gate(gate).options(AdapterOptions.builder().trustedProxies(loopback).build()).build()));
    filtered.put("/untrusting", app(PortcullisFeature.builder().gate(gate).build()));
    withFilter = JerseyOnJetty.start(filtered, true);
    Map<String, ResourceConfig> unfiltered = new LinkedHashMap<>();
    unfiltered.put("/default", app(PortcullisFeature.builder().gate(gate).options(AdapterOptions.builder().trustedProxies(loopback).build()).build()));
    unfiltered.put("/custom", app(PortcullisFeature.builder().gate(gate).options(AdapterOptions.builder().trustedProxies(loopback).build())
        .remoteAddressResolver(request -> "127.0.0.1").build()));
    withoutFilter = JerseyOnJetty.start(unfiltered, false);
    client = TestClients.jdk();
  }

  private static ResourceConfig app(PortcullisFeature feature) {
    return new ResourceConfig(BodyResources.class).register(feature);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    withFilter.close();
    withoutFilter.close();
  }

  @Test
  void plainHttpIsRefusedBeforeCredentialsAreLookedAt() throws Exception {
    PROBE.last.set(null);
    Reply r = client.get(withFilter.uri("/trusting/probe/x"), "Authorization", "Probe");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("https_required", "HTTPS is required");
    assertThat(PROBE.last.get()).isNull();
  }

  @Test
  void aTrustedProxySayingHttpsIsBelieved() throws Exception {
    Reply xfp = client.get(withFilter.uri("/trusting/probe/x"), "Authorization", "Probe", "X-Forwarded-Proto", "https");
    assertThat(xfp.status()).isEqualTo(200);
    assertThat(xfp.body()).isEqualTo("Probe secure=true");
    assertThat(PROBE.last.get()).containsEntry("remoteAddress", "127.0.0.1").containsEntry("scheme", "https")
        .containsEntry("port", 443);

    Reply fwd = client.get(withFilter.uri("/trusting/probe/x"), "Authorization", "Probe",
        "Forwarded", "for=203.0.113.9;proto=https;host=api.example.com");
    assertThat(fwd.status()).isEqualTo(200);
    assertThat(PROBE.last.get()).containsEntry("host", "api.example.com").containsEntry("secure", true);
  }

  @Test
  void forwardingHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
    Reply r = client.get(withFilter.uri("/untrusting/probe/x"), "Authorization", "Probe", "X-Forwarded-Proto", "https");
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void withoutAPeerAddressNoProxyIsTrusted() throws Exception {
    Reply r = client.get(withoutFilter.uri("/default/probe/x"), "Authorization", "Probe", "X-Forwarded-Proto", "https");
    assertThat(r.status()).as("the default resolver found no address: fail closed").isEqualTo(403);
    Reply custom = client.get(withoutFilter.uri("/custom/probe/x"), "Authorization", "Probe", "X-Forwarded-Proto", "https");
    assertThat(custom.status()).isEqualTo(200);
  }

  @Test
  void schemesSeeTheRawPathAndQuery() throws Exception {
    Reply r = client.get(withFilter.uri("/trusting/probe/caf%C3%A9?q=a%20b+c&key=%2F"), "Authorization", "Probe x",
        "X-Forwarded-Proto", "https");
    assertThat(r.status()).isEqualTo(200);
    assertThat(PROBE.last.get())
        .containsEntry("method", "GET")
        .containsEntry("rawPath", "/trusting/probe/caf%C3%A9")
        .containsEntry("rawQuery", "q=a%20b+c&key=%2F")
        .containsEntry("host", "127.0.0.1")
        .containsEntry("authorization", List.of("Probe x"));
  }
}
