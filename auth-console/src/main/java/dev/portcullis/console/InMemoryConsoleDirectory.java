package dev.portcullis.console;

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
 * A {@link ConsoleDirectory} in memory; seed it with what the application already owns.
 *
 * <pre>{@code
 * InMemoryConsoleDirectory dir = new InMemoryConsoleDirectory();
 * dir.claimApiKey("demo", "7f2b9c4e-...");
 * dir.claimConsumer("demo", "demo_consumer_key", "bec40eec");
 * }</pre>
 *
 * <p>Thread-safe: every method holds the directory's lock, which is fine for the rate at which
 * people click buttons.
 */
public final class InMemoryConsoleDirectory implements ConsoleDirectory {
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
    if (!PublicApp.isAppId(appId)) {
      throw new IllegalArgumentException("not an App ID (8 hex digits)");
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
    return "InMemoryConsoleDirectory[" + keyOwner.size() + " API keys, " + consumerOwner.size() + " applications]";
  }
}
