package dev.portcullis.demo;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.TrustedProxies;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * What the server hands each {@link DemoApi} when installing it.
 *
 * @param handler the single servlet context (path "/") every API adds its servlets and filters to
 * @param clock the time source every store and verifier uses
 * @param trustedProxies the proxies whose Forwarded / X-Forwarded-* headers count
 * @param security the attempt limiter and event listeners every API's gate shares
 * @param stores where replay state and request tokens live (this process, or a shared Redis)
 */
public record DemoContext(ServletContextHandler handler, Clock clock, TrustedProxies trustedProxies,
    DemoSecurity security, DemoStores stores) {

  /**
   * A gate builder already set up with the demo's throttling, audit log, metrics, trusted proxies
   * and clock; the API adds its schemes.
   */
  public Gate.Builder gate() {
    return security.configure(Gate.builder(), trustedProxies, clock);
  }
}
