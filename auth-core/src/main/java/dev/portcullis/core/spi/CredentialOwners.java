package dev.portcullis.core.spi;

import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which account owns which API key and which OAuth application: the one fact the schemes' stores do
 * not keep ({@link ApplicationRegistry} and {@link dev.portcullis.core.spi.oauth1.ConsumerStore}
 * know keys, not owners). The keys and consumers themselves live in those stores; this store only
 * records who may manage them (the self-service console lists and changes an account's own and no
 * other). It is also a {@link PublicAppRegistry}: each claimed application carries a public App ID
 * for the public-app flow, so the provider can be given this store to find it.
 *
 * <pre>{@code
 * CredentialOwners owners = new InMemoryCredentialOwners();     // or JdbcStores.credentialOwners()
 * owners.claimApiKey("acme", "7f2b9c4e-...");
 * owners.claimConsumer("acme", "acme_mailer", "bec40eec");
 * }</pre>
 *
 * <p><b>Contract.</b> Implementations must be thread-safe.
 * <ul>
 *   <li>An API key is owned by at most one account, a consumer by at most one account, and an App ID
 *       names at most one consumer; nothing here expires, and a claim is never given up.
 *   <li>Each claim is atomic: {@link #claimApiKey} and {@link #claimConsumer} either record all of
 *       the claim or nothing. A claim of a key, consumer or App ID that is taken (by any account,
 *       the same one included) is refused with {@code false} and changes nothing: it never moves an
 *       owner, never gives a consumer a second App ID and never leaves half a claim behind. Of racing
 *       claims of one key, one consumer or one App ID exactly one wins.
 *   <li>Reads ({@link #apiKeys}, {@link #consumers}, {@link #appIdOf}, {@link #find}) are plain and
 *       see every claim that returned before them; an unknown account has no keys and no
 *       consumers; any string that is not a claimed App ID finds nothing (never an exception: the
 *       id comes from a URL). Names are matched exactly (no case folding, no trimming).
 *   <li>A store that cannot reach its storage throws {@link StoreUnavailableException} (fail
 *       closed), never an empty answer or a refusal for an outage.
 * </ul>
 *
 * <p>The in-memory implementation is {@link dev.portcullis.core.memory.InMemoryCredentialOwners};
 * the test-support module's {@code CredentialOwnersContract} checks an implementation against this.
 */
public interface CredentialOwners extends PublicAppRegistry {

  /**
   * The API keys {@code account} owns (a copy; empty for an unknown account).
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  Set<String> apiKeys(String account);

  /**
   * Records that {@code account} owns {@code apiKey}.
   *
   * @return false, changing nothing, if the key is owned already (by this account or another)
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean claimApiKey(String account, String apiKey);

  /**
   * The consumer keys of the OAuth applications {@code account} claimed, oldest claim first (a copy;
   * empty for an unknown account).
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  List<String> consumers(String account);

  /**
   * Records, in one step, that {@code account} owns the consumer and that {@code appId} names it.
   *
   * @return false, changing nothing, if the consumer or the App ID is taken
   * @throws IllegalArgumentException if {@code appId} is not an App ID
   *     ({@link dev.portcullis.core.spi.oauth1.PublicApp#isAppId})
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean claimConsumer(String account, String consumerKey, String appId);

  /**
   * The public App ID of the consumer, if it has been claimed.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  Optional<String> appIdOf(String consumerKey);
}
