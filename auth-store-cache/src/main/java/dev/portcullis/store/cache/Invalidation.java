package dev.portcullis.store.cache;

import java.util.Objects;

/**
 * One "drop what you cached about this" message: a token, consumer, Digest user, account or
 * application changed somewhere, a failed attempt was recorded, or ({@link Kind#ALL}) messages may
 * have been lost and every node should start afresh.
 *
 * <p>The id is the public half of what changed (an API token id, a consumer key, a Digest
 * username, an account id, an API key, an attempt's realm, address and claimed identifier), never a
 * secret; it travels over the broadcast channel as {@link #encode()}.
 *
 * @param kind what changed
 * @param id its id; empty for {@link Kind#ALL}
 */
public record Invalidation(Kind kind, String id) {

  /** What an {@link Invalidation} is about. */
  public enum Kind {
    /** An API token ({@code ApiTokenStore}), by token id. */
    API_TOKEN('t'),
    /** An OAuth consumer ({@code ConsumerStore}), by consumer key. */
    CONSUMER('c'),
    /** A Digest user's HA1 values and userhashes ({@code DigestCredentialStore}), by username. */
    DIGEST_USER('d'),
    /** An account ({@code AccountStore}), by account id. */
    ACCOUNT('a'),
    /** An application ({@code ApplicationRegistry}), by API key. */
    APPLICATION('k'),
    /** An OAuth access token ({@code OAuthTokenStore}), by token value. */
    OAUTH_TOKEN('o'),
    /**
     * A failure recorded for an {@code AttemptKey} ({@code AttemptLimiter}): every node stops
     * answering "no failures" from its cache for that pair, identifier and address. The id is
     * {@code realm LF address} for a key without identifier, {@code realm LF address LF identifier}
     * otherwise.
     */
    ATTEMPT_FAILED('f'),
    /** Everything: the channel was down and messages may be lost. */
    ALL('*');

    final char tag;

    Kind(char tag) {
      this.tag = tag;
    }
  }

  public Invalidation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  /** The message telling every cache to drop everything. */
  public static Invalidation all() {
    return new Invalidation(Kind.ALL, "");
  }

  /** The wire form: the kind's tag, a colon, the id. */
  public String encode() {
    return kind.tag + ":" + id;
  }

  /**
   * Reads {@link #encode()}'s form.
   *
   * @throws IllegalArgumentException if {@code message} is not one
   */
  public static Invalidation decode(String message) {
    if (message.length() >= 2 && message.charAt(1) == ':') {
      for (Kind k : Kind.values()) {
        if (k.tag == message.charAt(0)) {
          return new Invalidation(k, message.substring(2));
        }
      }
    }
    throw new IllegalArgumentException("not an invalidation message");
  }
}
