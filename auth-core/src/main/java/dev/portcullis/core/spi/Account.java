package dev.portcullis.core.spi;

import java.util.Objects;
import java.util.Set;

/**
 * An account (tenant) as the API-token scheme sees it: its id and the API keys (indexes) it owns.
 *
 * <p>The account's own API token is not part of this value: stores keep only its SHA-256 hash and
 * find the account by it ({@link AccountStore#findByApiTokenHash}).
 *
 * @param id the account id, which becomes the identity's subject and account
 * @param apiKeys the API keys the account owns; the resources its tokens may name
 */
public record Account(String id, Set<String> apiKeys) {
  public Account {
    Objects.requireNonNull(id, "id");
    apiKeys = Set.copyOf(apiKeys);
  }
}
