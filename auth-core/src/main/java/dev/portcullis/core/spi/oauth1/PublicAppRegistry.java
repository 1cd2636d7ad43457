package dev.portcullis.core.spi.oauth1;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up {@link PublicApp}s by their public id for the {@code authorize_app} flow.
 *
 * <pre>{@code
 * PublicAppRegistry apps = PublicAppRegistry.of(List.of(new PublicApp("bec40eec", "demo_consumer_key")));
 * }</pre>
 *
 * <p><b>Contract.</b> Implementations must be thread-safe; {@link #find} is a plain read (nothing
 * expires) and throws {@link dev.portcullis.core.spi.StoreUnavailableException} when the storage
 * cannot be reached, never empty for an outage. Any string that is not a registered id (the id
 * comes from the URL) gives empty, never an exception.
 *
 * <p>{@link #of} is the in-memory implementation; the test-support module's
 * {@code PublicAppRegistryContract} checks an implementation against this.
 */
public interface PublicAppRegistry {

  /** The app with this id, or empty. */
  Optional<PublicApp> find(String appId);

  /** A registry with no apps (the public-app flow answers 404). */
  static PublicAppRegistry none() {
    return appId -> Optional.empty();
  }

  /**
   * A fixed registry.
   *
   * @throws IllegalArgumentException if two apps share an id
   */
  static PublicAppRegistry of(List<PublicApp> apps) {
    Map<String, PublicApp> byId = new HashMap<>();
    for (PublicApp a : apps) {
      if (byId.putIfAbsent(a.appId(), a) != null) {
        throw new IllegalArgumentException("app id " + a.appId() + " registered twice");
      }
    }
    Map<String, PublicApp> frozen = Map.copyOf(byId);
    return appId -> Optional.ofNullable(frozen.get(appId));
  }
}
