package dev.portcullis.demo.contacts;

import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.demo.DemoApi;
import dev.portcullis.demo.DemoContext;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Rule;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * API 1 of shared/spec/demo-api.md: a customer's contacts behind HTTP Digest (RFC 7616, RFC 2617
 * clients welcome), wired through the servlet {@link AuthFilter}.
 *
 * <p>Usernames are {@code {API key}%{customer}}; the key must name an enabled application. HA1s are
 * computed once (first start, on a database) from the demo passwords, which are then dropped. The
 * nonce keys come from {@link dev.portcullis.demo.DemoKeys} (the environment variable
 * {@code PORTCULLIS_DIGEST_NONCE_KEYS}, or the data directory) so nonces survive a restart and
 * verify on every node that shares them, also while the keys rotate. Thread-safe once installed.
 */
public final class ContactsApi implements DemoApi {
  /** The Digest realm. */
  public static final String REALM = "contacts";
  /** The enabled demo API key. */
  public static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  /** The disabled demo API key (as after a compromise). */
  public static final String DISABLED_API_KEY = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  /** The environment variable that may hold the shared nonce key (base64); the ring form is {@link dev.portcullis.demo.DemoKeys#DIGEST_NONCE_KEYS_ENV}. */
  public static final String NONCE_KEY_ENV = dev.portcullis.demo.DemoKeys.DIGEST_NONCE_ENV;

  private static final String[][] CUSTOMERS = {{"ctct_customer", "mypassword"}, {"other_customer", "otherpassword"}};

  @Override
  public String name() {
    return "contacts";
  }

  @Override
  public void install(DemoContext context) {
    Map<String, String> users = new LinkedHashMap<>();
    for (String key : new String[] {API_KEY, DISABLED_API_KEY}) {
      for (String[] c : CUSTOMERS) {
        // HA1 covers the whole username the client hashes, API key included
        users.put(key + "%" + c[0], c[1]);
      }
    }
    ApplicationRegistry apps = context.stores().applications(List.of(
        new Application(API_KEY, "Demo application", true),
        new Application(DISABLED_API_KEY, "Compromised demo application", false)));
    // the console (/console) disables and re-enables keys in this same registry
    context.shared().put(ApplicationRegistry.class, apps);
    DigestScheme digest = DigestScheme.builder()
        .realm(REALM)
        .credentials(context.stores().digestCredentials(REALM, users))
        .applications(apps)
        .grants((apiKey, customer) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(customer))))
        // shared by every node and kept across restarts: see DemoKeys
        .nonceKeys(context.keys().digestNonce())
        .clock(context.clock())
        .replayGuard(context.stores().replayGuard())
        .build();
    AuthFilter filter = AuthFilter.builder()
        .gate(context.gate().scheme(digest).build())
        .rule(Rule.of("GET", "/ws/customers/{customer}/contacts", "contacts", Operation.READ).resourceFromPath("customer"))
        .rule(Rule.of("POST", "/ws/customers/{customer}/contacts", "contacts", Operation.WRITE).resourceFromPath("customer"))
        .options(AdapterOptions.builder()
            .trustedProxies(context.trustedProxies())
            .maxBodyBytes(ContactsServlet.MAX_BODY_BYTES)
            .build())
        .denyUnmatched(true)
        .build();
    context.handler().addFilter(new FilterHolder(filter), "/ws/*", EnumSet.of(DispatcherType.REQUEST));
    context.handler().addServlet(new ServletHolder("contacts", new ContactsServlet(ContactBook.demo(context.clock()))), "/ws/*");
  }

  @Override
  public List<String> credentialsHelp() {
    return List.of(
        "contacts (HTTP Digest, realm \"" + REALM + "\"): username {API key}%{customer}, password the customer's",
        "  API key " + API_KEY + " (enabled), " + DISABLED_API_KEY + " (disabled)",
        "  customers ctct_customer / mypassword, other_customer / otherpassword",
        "  curl --digest -u '" + API_KEY + "%ctct_customer:mypassword' http://127.0.0.1:<http-port>/ws/customers/ctct_customer/contacts");
  }
}
