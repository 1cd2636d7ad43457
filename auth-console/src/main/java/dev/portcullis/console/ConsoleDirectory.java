package dev.portcullis.console;

import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which API keys and OAuth applications belong to which account: the one fact the schemes' stores
 * do not keep ({@link dev.portcullis.core.spi.ApplicationRegistry} and
 * {@link dev.portcullis.core.spi.oauth1.ConsumerStore} know keys, not owners). The keys and
 * consumers themselves live in those stores, so a change the console makes is seen by the schemes
 * at once. It is also a {@link PublicAppRegistry}: each registered application gets a public App ID
 * for the public-app flow, and the provider can be given this directory to find it.
 *
 * <p><b>Contract.</b> Thread-safe; a key or consumer is owned by at most one account, and a claim
 * of one that is taken is refused and changes nothing; an App ID names one consumer. A directory that
 * cannot reach its storage throws {@link dev.portcullis.core.spi.StoreUnavailableException}.
 */
public interface ConsoleDirectory extends PublicAppRegistry {

  /** The API keys {@code account} owns. */
  Set<String> apiKeys(String account);

  /** Records that {@code account} owns {@code apiKey}; false, changing nothing, if it is owned already. */
  boolean claimApiKey(String account, String apiKey);

  /** The consumer keys of the OAuth applications {@code account} registered, oldest first. */
  List<String> consumers(String account);

  /**
   * Records that {@code account} owns the consumer, known publicly by {@code appId}.
   *
   * @return false, changing nothing, if the consumer or the App ID is taken
   */
  boolean claimConsumer(String account, String consumerKey, String appId);

  /** The public App ID of the consumer, if it has one. */
  Optional<String> appIdOf(String consumerKey);
}
