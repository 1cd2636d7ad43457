package dev.portcullis.demo.lists;

import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.oauth1.RsaKeys;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.demo.DemoApi;
import dev.portcullis.demo.DemoContext;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Rule;
import dev.portcullis.servlet.oauth.OAuthEndpointsServlet;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * API 2 of shared/spec/demo-api.md: email lists behind OAuth 1.0a (RFC 5849), the way the AWeber
 * guide (seed 001) describes it, realm {@code email-lists}.
 *
 * <p>Wiring, as an adopting team would do it: consumer, token and nonce stores from the demo's
 * {@link dev.portcullis.demo.DemoStores} (memory, H2 or PostgreSQL); one
 * {@link OAuth1Verifier} shared by the protected resources ({@link OAuth1Scheme} in a {@link Gate}
 * behind {@link AuthFilter}) and the provider endpoints ({@link OAuthEndpointsServlet} at
 * {@code /1.0/oauth/*}); a rule that the account in the campaigns path must be one of the caller's.
 * The demo consumer may sign with HMAC-SHA1, HMAC-SHA256, RSA-SHA1 (the demo key pair in this
 * package, demo only) and PLAINTEXT, which the verifier accepts over HTTPS only.
 *
 * <p>Thread-safe once installed.
 */
public final class EmailListsApi implements DemoApi {
  /** The realm of the OAuth challenge. */
  public static final String REALM = "email-lists";
  /** Class-path location of the demo consumer's RSA public key. */
  public static final String RSA_PUBLIC_KEY = "/dev/portcullis/demo/lists/demo-consumer-rsa-public.pem";
  /** Class-path location of the matching private key, published for demo clients only. */
  public static final String RSA_PRIVATE_KEY = "/dev/portcullis/demo/lists/demo-consumer-rsa-private.pem";

  @Override
  public String name() {
    return "email-lists";
  }

  @Override
  public void install(DemoContext context) {
    ConsumerStore consumers = context.stores().consumers(List.of(Consumer.builder(DemoLists.CONSUMER_KEY,
            ProtectedSecret.seal(DemoLists.CONSUMER_SECRET, context.stores().secretProtector()))
        .displayName("Demo Email Client")
        .rsaKey(RsaKeys.readPublicKey(resource(RSA_PUBLIC_KEY)))
        .methods(Set.of(SignatureMethod.HMAC_SHA1, SignatureMethod.HMAC_SHA256, SignatureMethod.RSA_SHA1,
            SignatureMethod.PLAINTEXT))
        .callbacks(DemoLists.CALLBACKS)
        .build()));
    OAuthTokenStore tokens = context.stores().oauthTokens();
    // the console (/console) registers applications and revokes authorizations in these same stores
    context.shared().put(ConsumerStore.class, consumers);
    context.shared().put(OAuthTokenStore.class, tokens);
    OAuth1Verifier verifier = OAuth1Verifier.builder()
        .consumers(consumers)
        .tokens(tokens)
        .replayGuard(context.stores().replayGuard())
        .clock(context.clock())
        .realm(REALM)
        .build();
    Gate gate = context.gate()
        .scheme(OAuth1Scheme.builder(verifier)
            .grants(token -> Grants.of(new Permission("lists", Operation.READ_WRITE,
                Set.copyOf(DemoLists.accountsOf(token.user())))))
            .build())
        .build();

    UserDirectory directory = context.stores().users(DemoLists.USERS);
    context.shared().put(UserDirectory.class, directory);
    PublicAppRegistry demoApps = context.stores().publicApps(List.of(new PublicApp(DemoLists.PUBLIC_APP_ID, DemoLists.CONSUMER_KEY)));
    // apps registered in the console get an App ID there; looked up per request, the console installs later
    PublicAppRegistry publicApps = appId -> demoApps.find(appId)
        .or(() -> context.shared().find(PublicAppRegistry.class).flatMap(registered -> registered.find(appId)));
    // The provider works on the verifier's consumer and token stores and clock, given once above.
    OAuthProvider provider = OAuthProvider.builder()
        .verifier(verifier)
        .users(directory)
        .publicApps(publicApps)
        .accountOf(user -> DemoLists.accountsOf(user).stream().findFirst().orElse(null))
        // the token secrets it mints are sealed with the key the stores open them with (AES on
        // H2/PostgreSQL): with the default none(), a stored token's secret could not be read back
        .secretProtector(context.stores().secretProtector())
        // failed sign-ins on the authorize pages under the gate's default AttemptPolicy: the pair
        // blocked, the address limited (spraying), the username only slowed; counted in the gates'
        // limiter (realm "login"), shared by every node when the stores are
        .loginLimiter(context.security().limiter())
        .build();

    OAuthEndpointsServlet endpoints = OAuthEndpointsServlet.builder()
        .provider(provider)
        // the same gate as the resources: request_token and access_token count failed signatures
        // (and wrong verifiers) in its limiter, realm "OAuth", and answer 429 over the limit
        .gate(gate)
        .csrf(CsrfTokens.builder().keys(context.keys().csrf()).clock(context.clock()).build())
        .options(AdapterOptions.builder().trustedProxies(context.trustedProxies()).build())
        .build();
    AuthFilter filter = AuthFilter.builder()
        .gate(gate)
        .publicPath("/1.0/oauth/*")
        .rule(Rule.of("GET", "/1.0/accounts/{accountId}/lists/{listId}/campaigns", "lists", Operation.READ)
            .resourceFromPath("accountId"))
        .options(AdapterOptions.builder().trustedProxies(context.trustedProxies()).build())
        .build();
    context.handler().addServlet(new ServletHolder("email-lists-oauth", endpoints), "/1.0/oauth/*");
    context.handler().addFilter(new FilterHolder(filter), "/1.0/*", EnumSet.of(DispatcherType.REQUEST));
    context.handler().addServlet(new ServletHolder("email-lists", new ListsServlet()), "/1.0/*");
  }

  @Override
  public List<String> credentialsHelp() {
    return List.of(
        "email-lists (OAuth 1.0a, realm " + REALM + "): consumer " + DemoLists.CONSUMER_KEY + " / "
            + DemoLists.CONSUMER_SECRET + "; callbacks http://localhost:*, http://127.0.0.1:*, oob",
        "  users demo_user / demo_password (account 1, list 500000000), other_user / other_password (account 2);"
            + " public app id " + DemoLists.PUBLIC_APP_ID,
        "  RSA-SHA1: demo-only private key in the jar at " + RSA_PRIVATE_KEY.substring(1)
            + " (never use it outside this demo)");
  }

  static String resource(String name) {
    try (InputStream in = EmailListsApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("demo resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
