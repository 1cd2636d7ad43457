package dev.portcullis.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * Knows the applications (API keys) that may call an API, and which of them are disabled.
 *
 * <p>Digest usernames of the form {@code {API key}%{customer}} name an application here; an unknown
 * or disabled key is refused exactly like a wrong password.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe; {@link #find} is a plain read (nothing
 * expires; a disabled application is answered, with {@code enabled} false, not hidden), and a
 * registry that cannot reach its storage throws {@link StoreUnavailableException} (fail closed),
 * never null for an outage. The in-memory
 * default is {@link dev.portcullis.core.memory.InMemoryApplicationRegistry}.
 */
public interface ApplicationRegistry {

  /**
   * The application with this API key, or null if there is none.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  @Nullable Application find(String apiKey);

  /**
   * One registered application. The API key identifies, it does not authenticate: it is not a secret
   * in this model, but it is still never logged in full by this suite.
   *
   * @param apiKey the key the application sends
   * @param name a display name
   * @param enabled false once the key was disabled (after a compromise, say)
   */
  record Application(String apiKey, String name, boolean enabled) {
    public Application {
      java.util.Objects.requireNonNull(apiKey, "apiKey");
      java.util.Objects.requireNonNull(name, "name");
    }
  }
}
