package dev.portcullis.core.memory;

import dev.portcullis.core.spi.ApplicationRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApplicationRegistry} in memory.
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

  /** Adds or replaces an application; returns this registry. */
  public InMemoryApplicationRegistry register(Application application) {
    Objects.requireNonNull(application, "application");
    apps.put(application.apiKey(), application);
    return this;
  }

  /** Disables the key; requests with it are refused from now on. Returns whether it was known. */
  public boolean disable(String apiKey) {
    return apps.computeIfPresent(apiKey, (k, a) -> new Application(a.apiKey(), a.name(), false)) != null;
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
