package dev.portcullis.demo;

import dev.portcullis.core.http.TrustedProxies;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * What the server hands each {@link DemoApi} when installing it.
 *
 * @param handler the single servlet context (path "/") every API adds its servlets and filters to
 * @param clock the time source every store and verifier uses
 * @param trustedProxies the proxies whose Forwarded / X-Forwarded-* headers count
 * @param stores where each API gets its stores, seeded with its demo data (memory, H2 or PostgreSQL)
 * @param nodeName this node's name, as shown in log lines
 */
public record DemoContext(ServletContextHandler handler, Clock clock, TrustedProxies trustedProxies,
    DemoStores stores, String nodeName) {

  /** The keys every node shares (Digest nonces, CSRF, secret sealing). */
  public DemoKeys keys() {
    return stores.keys();
  }
}
