package dev.portcullis.core.memory;

import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.oauth1.PublicApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CredentialOwners} in memory (lost on stop); seed it with what the application already owns.
 *
 * <pre>{@code
 * InMemoryCredentialOwners owners = new InMemoryCredentialOwners();
 * owners.claimApiKey("demo", "7f2b9c4e-...");
 * owners.claimConsumer("demo", "demo_consumer_key", "bec40eec");
 * }</pre>
 *
 * <p>Thread-safe: every method holds this store's lock, so a consumer claim (owner, list, App ID in
 * both directions) is seen whole or not at all; one lock is ample for the rate at which people
 * register keys and applications.
 */
public final class InMemoryCredentialOwners implements CredentialOwners {
  private final Map<String, String> keyOwner = new HashMap<>();
  private final Map<String, String> consumerOwner = new HashMap<>();
  private final Map<String, List<String>> consumersByAccount = new HashMap<>();
  private final Map<String, String> appIdByConsumer = new HashMap<>();
  private final Map<String, String> consumerByAppId = new HashMap<>();

  @Override
  public synchronized Set<String> apiKeys(String account) {
    Set<String> out = new LinkedHashSet<>();
    keyOwner.forEach((key, owner) -> {
      if (owner.equals(account)) {
        out.add(key);
      }
    });
    return Set.copyOf(out);
  }

  @Override
  public synchronized boolean claimApiKey(String account, String apiKey) {
    Objects.requireNonNull(account, "account");
    return keyOwner.putIfAbsent(Objects.requireNonNull(apiKey, "apiKey"), account) == null;
  }

  @Override
  public synchronized List<String> consumers(String account) {
    return List.copyOf(consumersByAccount.getOrDefault(account, List.of()));
  }

  @Override
  public synchronized boolean claimConsumer(String account, String consumerKey, String appId) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(consumerKey, "consumerKey");
    if (!PublicApp.isAppId(appId)) {
      throw new IllegalArgumentException("not an App ID (8 lower-case hex digits)");
    }
    if (consumerOwner.containsKey(consumerKey) || consumerByAppId.containsKey(appId)) {
      return false;
    }
    consumerOwner.put(consumerKey, account);
    consumersByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(consumerKey);
    appIdByConsumer.put(consumerKey, appId);
    consumerByAppId.put(appId, consumerKey);
    return true;
  }

  @Override
  public synchronized Optional<String> appIdOf(String consumerKey) {
    return Optional.ofNullable(appIdByConsumer.get(consumerKey));
  }

  @Override
  public synchronized Optional<PublicApp> find(String appId) {
    String consumer = consumerByAppId.get(appId);
    return consumer == null ? Optional.empty() : Optional.of(new PublicApp(appId, consumer));
  }

  @Override
  public synchronized String toString() {
    return "InMemoryCredentialOwners[" + keyOwner.size() + " API keys, " + consumerOwner.size() + " applications]";
  }
}
