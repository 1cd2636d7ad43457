package dev.portcullis.sample.war;

import dev.portcullis.core.Gate;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.servlet.GateFactory;
import java.util.Map;

/**
 * The gate of the catalog servlets: API tokens, as Basic (the token as username, empty password) or
 * Bearer (RFC 6750). An account's own token may do anything on its API keys; a scoped token exactly
 * what its permissions say, which the filter's {@code query:key} rules check.
 *
 * <p>Reads one init-param of its own, {@code require-https} ({@code true} or {@code false}, default
 * {@code true}): tokens are bearer secrets and belong on TLS only.
 *
 * <p>Named in {@code web.xml} as the filter's {@code gate-factory}.
 */
public final class TokenGates implements GateFactory {
  static final String REQUIRE_HTTPS = "require-https";

  /** Used by the filter, through reflection. */
  public TokenGates() {}

  /**
   * Builds the gate.
   *
   * @throws IllegalArgumentException if {@code require-https} is neither {@code true} nor {@code false}
   */
  @Override
  public Gate create(Map<String, String> initParams) {
    String https = initParams.getOrDefault(REQUIRE_HTTPS, "true").trim();
    if (!https.equals("true") && !https.equals("false")) {
      throw new IllegalArgumentException(REQUIRE_HTTPS + " must be true or false, not '" + https + "'");
    }
    DemoData data = DemoData.get();
    return Gate.builder()
        .scheme(new BasicTokenScheme(data.apiTokens(), DemoData.CATALOG_REALM))
        .scheme(new BearerTokenScheme(data.apiTokens(), DemoData.CATALOG_REALM))
        .requireSecure(Boolean.parseBoolean(https))
        .build();
  }
}
