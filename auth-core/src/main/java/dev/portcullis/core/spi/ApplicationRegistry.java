package dev.portcullis.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * Knows the applications (API keys) that may call an API, and which of them are disabled.
 *
 * <p>Digest usernames of the form {@code {API key}%{customer}} name an application here; an unknown
 * or disabled key is refused exactly like a wrong password.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe.
 * <ul>
 *   <li>{@link #find} is a plain read and nothing expires by itself. A disabled application is
 *       answered, with {@code enabled} false, not hidden, so the scheme can refuse it like a wrong
 *       password; an unknown key is null. Keys are matched exactly (no case folding, no trimming).
 *   <li>Registering ({@link #add}), disabling and enabling are administration; a read-only registry
 *       leaves the default methods, which throw {@link UnsupportedOperationException}. They keep
 *       these rules: one application per key, so registering a key that
 *       is taken is refused and changes nothing (it must never replace the first application, which
 *       would re-enable a key disabled after a compromise); of racing registrations of one key
 *       exactly one wins; disabling or enabling an unknown key creates nothing; each change is
 *       atomic per key and seen by the next {@link #find} (a cache in front must be invalidated on
 *       disable, or bounded by a stated delay).
 *   <li>A registry that cannot reach its storage throws {@link StoreUnavailableException} (fail
 *       closed), never null for an outage.
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryApplicationRegistry}; the
 * test-support module's {@code ApplicationRegistryContract} checks an implementation against this.
 */
public interface ApplicationRegistry {

  /**
   * The application with this API key, or null if there is none.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  @Nullable Application find(String apiKey);

  /**
   * Adds an application unless its API key is taken; atomic, so of racing adds of one key exactly
   * one wins. The self-service console creates keys through this.
   *
   * @return false, changing nothing, when the key is already registered
   * @throws UnsupportedOperationException if this registry is read-only (the default)
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  default boolean add(Application application) {
    throw new UnsupportedOperationException("this application registry is read-only");
  }

  /**
   * Disables the key: the next {@link #find} answers it disabled, so Digest refuses it at once.
   *
   * @return whether the key was known (an unknown key creates nothing)
   * @throws UnsupportedOperationException if this registry is read-only (the default)
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  default boolean disable(String apiKey) {
    throw new UnsupportedOperationException("this application registry is read-only");
  }

  /**
   * Enables the key again.
   *
   * @return whether the key was known (an unknown key creates nothing)
   * @throws UnsupportedOperationException if this registry is read-only (the default)
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  default boolean enable(String apiKey) {
    throw new UnsupportedOperationException("this application registry is read-only");
  }

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
