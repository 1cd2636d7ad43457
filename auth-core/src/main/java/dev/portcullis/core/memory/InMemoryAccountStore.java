package dev.portcullis.core.memory;

import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link AccountStore} held in memory, filled once through its builder.
 *
 * <p>The builder hashes each account's API token (SHA-256 over its UTF-8 bytes) the moment it is
 * given and keeps only the digest. Immutable after {@link Builder#build()} and thread-safe.
 *
 * <pre>{@code
 * InMemoryAccountStore accounts = InMemoryAccountStore.builder()
 *     .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
 *     .build();
 * }</pre>
 */
public final class InMemoryAccountStore implements AccountStore {
  private final Map<String, Account> byId;
  private final Map<ByteBuffer, Account> byTokenHash;

  private InMemoryAccountStore(Builder b) {
    this.byId = Map.copyOf(b.byId);
    this.byTokenHash = Map.copyOf(b.byTokenHash);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Account> findByApiTokenHash(byte[] sha256) {
    return Optional.ofNullable(byTokenHash.get(ByteBuffer.wrap(sha256)));
  }

  @Override
  public Optional<Account> find(String accountId) {
    return Optional.ofNullable(byId.get(accountId));
  }

  /** SHA-256 of the UTF-8 bytes of {@code token}: the digest {@link AccountStore} lookups use. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Collects accounts. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Account> byId = new HashMap<>();
    private final Map<ByteBuffer, Account> byTokenHash = new HashMap<>();

    private Builder() {}

    /**
     * Adds an account; {@code apiToken} is hashed here and not kept.
     *
     * @throws IllegalArgumentException if the id or the token was already used, or the token is
     *     blank or contains {@code ':'} (it could not travel as a Basic username)
     */
    public Builder account(String id, String apiToken, Set<String> apiKeys) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(apiToken, "apiToken");
      if (apiToken.isBlank() || apiToken.indexOf(':') >= 0) {
        throw new IllegalArgumentException("account " + id + ": the API token must be non-blank and contain no ':'");
      }
      if (byId.containsKey(id)) {
        throw new IllegalArgumentException("account " + id + " added twice");
      }
      Account account = new Account(id, apiKeys);
      ByteBuffer key = ByteBuffer.wrap(sha256(apiToken));
      if (byTokenHash.containsKey(key)) {
        // Never name the other account or echo the token: this message may end up in a log.
        throw new IllegalArgumentException("account " + id + ": its API token is already used by another account");
      }
      byId.put(id, account);
      byTokenHash.put(key, account);
      return this;
    }

    /** The store. */
    public InMemoryAccountStore build() {
      return new InMemoryAccountStore(this);
    }
  }
}
