package dev.portcullis.store.redis;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Rule;
import dev.portcullis.testing.DigestFixture;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * One "node" of a fleet: an embedded Jetty with {@link AuthFilter} over HTTP Digest whose nonce
 * counts go to Redis through its own {@link RedisStores} (its own Lettuce client). Nodes built with
 * one nonce key accept each other's nonces, as a fleet's do.
 */
final class DigestNode implements AutoCloseable {
  static final String PATH = "/ws/customers/ctct_customer/contacts";
  static final String NONCE_KEY = "fleet-shared-nonce-key-0123456789abcdef";

  final RedisStores redis;
  final JettyHarness jetty;

  DigestNode(String redisUri, String prefix) throws Exception {
    // 1 s rather than the 500 ms default: CI machines are shared, and the fault tests allow for it
    redis = RedisStores.builder().uri(redisUri).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(1)).build();
    InMemoryDigestCredentialStore users = InMemoryDigestCredentialStore.builder().realm(DigestFixture.REALM)
        .user(DigestFixture.USER, DigestFixture.PASSWORD.toCharArray()).build();
    InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry()
        .register(new Application(DigestFixture.KEY, "demo", true));
    DigestScheme digest = DigestScheme.builder().realm(DigestFixture.REALM).credentials(users).applications(apps)
        .grants((k, u) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(u))))
        .nonceKey(NONCE_KEY.getBytes(StandardCharsets.US_ASCII))
        .replayGuard(redis.replayGuard())
        .build();
    AuthFilter filter = AuthFilter.builder().gate(Gate.builder().scheme(digest).build())
        .rule(Rule.of("GET", "/ws/customers/{customer}/contacts", "contacts", Operation.READ).resourceFromPath("customer"))
        .denyUnmatched(true)
        .build();
    jetty = JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
          resp.setContentType("text/plain; charset=UTF-8");
          resp.getWriter().write("contacts of " + req.getUserPrincipal().getName());
        }
      }), "/ws/*");
    });
  }

  URI uri() {
    return jetty.uri(PATH);
  }

  @Override
  public void close() throws Exception {
    jetty.close();
    redis.close();
  }
}
