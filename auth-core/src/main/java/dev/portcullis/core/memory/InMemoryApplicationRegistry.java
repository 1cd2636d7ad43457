package dev.portcullis.core.memory;

import dev.portcullis.core.spi.ApplicationRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApplicationRegistry} in memory.
 *
 * <p>One application per API key: registering a key again is refused rather than replacing the
 * first, so re-registering cannot quietly re-enable a key that was disabled after a compromise.
 * Every change is atomic per key and seen by the next {@link #find}.
 *
 * <pre>{@code
 * InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry()
 *     .register(new ApplicationRegistry.Application("7f2b9c4e-...", "demo app", true));
 * apps.disable("7f2b9c4e-...");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryApplicationRegistry implements ApplicationRegistry {
  private final ConcurrentHashMap<String, Application> apps = new ConcurrentHashMap<>();

  /**
   * Adds an application; returns this registry, for seeding in one expression.
   *
   * @throws IllegalArgumentException if its API key is already registered
   */
  public InMemoryApplicationRegistry register(Application application) {
    if (!add(application)) {
      // the key is not a secret, but it is never logged in full by this suite
      throw new IllegalArgumentException("an application with this API key is already registered");
    }
    return this;
  }

  /**
   * Adds an application unless its API key is taken; atomic, so of racing adds of one key exactly
   * one wins.
   *
   * @return false, changing nothing, when the key is already registered
   */
  @Override
  public boolean add(Application application) {
    Objects.requireNonNull(application, "application");
    return apps.putIfAbsent(application.apiKey(), application) == null;
  }

  /** Disables the key; requests with it are refused from now on. Returns whether it was known. */
  @Override
  public boolean disable(String apiKey) {
    return setEnabled(apiKey, false);
  }

  /** Enables the key again. Returns whether it was known. */
  @Override
  public boolean enable(String apiKey) {
    return setEnabled(apiKey, true);
  }

  private boolean setEnabled(String apiKey, boolean enabled) {
    return apps.computeIfPresent(apiKey, (k, a) -> new Application(a.apiKey(), a.name(), enabled)) != null;
  }

  @Override
  public @Nullable Application find(String apiKey) {
    return apps.get(apiKey);
  }

  @Override
  public String toString() {
    return "InMemoryApplicationRegistry[" + apps.size() + " applications]";
  }
}
