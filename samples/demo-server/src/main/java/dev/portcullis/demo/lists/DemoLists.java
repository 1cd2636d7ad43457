package dev.portcullis.demo.lists;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The email-lists demo data of shared/spec/demo-api.md: who owns which account, and which lists
 * each account has. Immutable and thread-safe.
 */
final class DemoLists {
  static final String CONSUMER_KEY = "demo_consumer_key";
  static final String CONSUMER_SECRET = "demo_consumer_secret";
  static final String PUBLIC_APP_ID = "bec40eec";
  static final List<String> CALLBACKS = List.of("http://localhost:*", "http://127.0.0.1:*", "oob");

  /** username -> password, hashed at start-up; the plaintext lives only in this demo table. */
  static final Map<String, String> USERS = Map.of(
      "demo_user", "demo_password",
      "other_user", "other_password");

  private static final Map<String, List<String>> ACCOUNTS_BY_USER = Map.of(
      "demo_user", List.of("1"),
      "other_user", List.of("2"));

  private static final Map<String, Set<String>> LISTS_BY_ACCOUNT = Map.of(
      "1", Set.of("500000000"),
      "2", Set.of());

  private DemoLists() {}

  /** The accounts {@code user} owns, in order; empty for anyone else. */
  static List<String> accountsOf(String user) {
    return ACCOUNTS_BY_USER.getOrDefault(user, List.of());
  }

  /** Whether {@code account} has the list {@code listId}. */
  static boolean hasList(String account, String listId) {
    return LISTS_BY_ACCOUNT.getOrDefault(account, Set.of()).contains(listId);
  }
}
