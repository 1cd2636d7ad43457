package dev.portcullis.core.spi.digest;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Where HTTP Digest finds HA1 values (RFC 7616 §3.4.2) and the userhash index (§3.4.4); never a
 * password.
 *
 * <p>The username is the one the client types, whole: for the contacts API that is
 * {@code {API key}%{customer}}, because the client hashes it that way. Lookups take the base
 * algorithm ({@link DigestAlgorithm#base()}); {@code -sess} forms share it.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe and should answer in constant-ish time
 * whether or not the user exists. Both methods are plain reads: nothing expires, and nothing here
 * writes (provisioning is the store's own business). An unknown user or another realm gets null;
 * a store that cannot be reached throws {@link dev.portcullis.core.spi.StoreUnavailableException}
 * (fail closed, 503), never null for an outage. {@link #ha1} returns an array the caller may
 * overwrite. The in-memory default is
 * {@link dev.portcullis.core.memory.InMemoryDigestCredentialStore}; the test-support module's
 * {@code DigestCredentialStoreContract} checks an implementation against this.
 */
public interface DigestCredentialStore {

  /**
   * The raw HA1 bytes ({@code H(username ":" realm ":" password)}) for {@code username}, or null
   * when there is none for this realm and algorithm. The caller may not keep the array.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  byte @Nullable [] ha1(String username, String realm, DigestAlgorithm algorithm);

  /**
   * The username whose {@code H(username ":" realm)} is {@code userhash} (lower-case hex), or null.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  @Nullable String usernameForHash(String userhash, String realm, DigestAlgorithm algorithm);
}
