package dev.portcullis.demo.console;

import dev.portcullis.console.Console;
import dev.portcullis.console.ConsoleUser;
import dev.portcullis.console.SignedIn;
import dev.portcullis.core.Gate;
import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Rule;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.demo.DemoApi;
import dev.portcullis.demo.DemoContext;
import dev.portcullis.demo.catalog.CatalogApi;
import dev.portcullis.demo.contacts.ContactsApi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;

/**
 * The self-service console at {@code /console/} (HTTPS only), over the stores the three APIs offered:
 * the catalog's API tokens and accounts, the contacts API's key registry, the email-lists consumers,
 * OAuth tokens and users. Signing in uses the authorize page's users: {@code demo_user} manages
 * catalog account {@code demo} (and owns the two demo Digest API keys), {@code other_user} account
 * {@code other}. The same actions are a JSON API at {@code /v1/console/} for the account's own API
 * token (Basic or Bearer), as {@code /v1/tokens} is. Installed after the APIs it manages.
 * Thread-safe once installed.
 */
public final class ConsoleApi implements DemoApi {
  /** Where the console is mounted. */
  public static final String PATH = "/console";
  /** Where the console's JSON API is mounted. */
  public static final String API_PATH = "/v1/console";

  private static final Map<String, String> ACCOUNT_OF_USER = Map.of("demo_user", "demo", "other_user", "other");
  private static final Map<String, String> USER_OF_ACCOUNT = Map.of("demo", "demo_user", "other", "other_user");

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void install(DemoContext context) {
    DemoContext.Shared shared = context.shared();
    // on H2/PostgreSQL who owns what is in the database with the keys and consumers themselves
    CredentialOwners owners = context.stores().credentialOwners(
        Map.of("demo", Set.of(ContactsApi.API_KEY, ContactsApi.DISABLED_API_KEY)));
    shared.put(PublicAppRegistry.class, owners);

    Console.Builder cb = Console.builder()
        .tokens(shared.get(TokenService.class).admin())
        .accounts(shared.get(AccountStore.class))
        .scopes(CatalogApi.SCOPES)
        .applications(shared.get(ApplicationRegistry.class))
        .consumers(shared.get(ConsumerStore.class))
        .oauthTokens(shared.get(OAuthTokenStore.class))
        .owners(owners)
        .login(shared.get(UserDirectory.class), user -> {
          String account = ACCOUNT_OF_USER.get(user);
          return account == null ? null : new ConsoleUser(user, account);
        })
        .clock(context.clock())
        // the form tokens are signed with the configured CSRF key ring, as the authorize page's:
        // a form served by one node verifies on every node
        .csrf(CsrfTokens.builder().keys(context.keys().csrf()).clock(context.clock())
            .lifetime(Duration.ofHours(1)).build())
        .secretProtector(context.stores().secretProtector())
        .loginLimiter(context.security().limiter())
        .title("Portcullis demo console");
    context.security().listeners().forEach(cb::listener);
    Console console = cb.build();

    // the console keeps who is signed in in the container's session: HttpOnly, Secure, SameSite=Strict
    SessionHandler sessions = new SessionHandler();
    sessions.setHttpOnly(true);
    sessions.setSecureRequestOnly(true);
    sessions.setSameSite(HttpCookie.SameSite.STRICT);
    sessions.setMaxInactiveInterval(30 * 60);
    context.handler().setSessionHandler(sessions);
    context.handler().addServlet(new ServletHolder("console", console.pages()), PATH + "/*");

    // The JSON twin, for the account's own API token only, like /v1/tokens: tokens(r) to read,
    // tokens(w) to change, which no scoped token can hold, so a scoped token cannot manage keys or apps.
    TokenService tokens = shared.get(TokenService.class);
    AuthFilter api = AuthFilter.builder()
        .gate(Gate.builder()
            .scheme(new BasicTokenScheme(tokens, CatalogApi.REALM))
            .scheme(new BearerTokenScheme(tokens, CatalogApi.REALM))
            .requireSecure(true)
            .build())
        .rule(Rule.of("GET", API_PATH + "/*", "tokens", Operation.READ))
        .rule(Rule.of("*", API_PATH + "/*", "tokens", Operation.WRITE))
        .options(AdapterOptions.builder().trustedProxies(context.trustedProxies()).build())
        .denyUnmatched(true)
        .build();
    context.handler().addFilter(new FilterHolder(api), API_PATH + "/*", EnumSet.of(DispatcherType.REQUEST));
    context.handler().addServlet(new ServletHolder("console-api", console.json(SignedIn.fromPrincipal(account -> {
      String user = USER_OF_ACCOUNT.get(account);
      return user == null ? null : new ConsoleUser(user, account);
    }))), API_PATH + "/*");
  }

  @Override
  public List<String> credentialsHelp() {
    return List.of("console: https://127.0.0.1:<https port>" + PATH + "/ in a browser, sign in as demo_user / demo_password;",
        "  its JSON API at " + API_PATH + "/api_keys, /oauth_apps, /authorized_apps with the account's API token");
  }
}
