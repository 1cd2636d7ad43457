package dev.portcullis.servlet;

import dev.portcullis.core.Gate;
import java.util.Map;

/**
 * Makes the {@link Gate} for an {@link AuthFilter} configured from {@code web.xml}.
 *
 * <p>Name the implementing class in the filter's {@code gate-factory} init-param; it needs a public
 * no-arg constructor. The filter calls {@link #create} once, from {@code init}, with every
 * init-param of the filter, so a factory can read its own settings (a realm, a store URL) from the
 * same place.
 *
 * <pre>{@code
 * public final class CatalogGates implements GateFactory {
 *   public Gate create(Map<String, String> initParams) {
 *     TokenService tokens = CatalogStores.tokens();
 *     String realm = initParams.getOrDefault("realm", "catalog");
 *     return Gate.builder()
 *         .scheme(new BasicTokenScheme(tokens, realm))
 *         .scheme(new BearerTokenScheme(tokens, realm))
 *         .build();
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GateFactory {

  /**
   * Builds the gate.
   *
   * @param initParams every init-param of the filter, by name
   * @return the gate; never null
   * @throws RuntimeException if the configuration is unusable (the filter then fails to start)
   */
  Gate create(Map<String, String> initParams);
}
