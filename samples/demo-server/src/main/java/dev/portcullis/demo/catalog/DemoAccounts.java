package dev.portcullis.demo.catalog;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.demo.DemoStores;
import java.util.List;
import java.util.Set;

/**
 * The catalog's demo accounts, fixed by shared/spec/demo-api.md: account {@code demo} (API keys
 * {@code key_demo_index} and {@code key_demo_staging}, API token {@code demo_api_token}) and account
 * {@code other} ({@code key_other_index}, {@code other_api_token}). The tokens are published demo
 * credentials, not secrets; the store keeps only their SHA-256.
 */
final class DemoAccounts {
  static final String DEMO = "demo";
  static final String DEMO_TOKEN = "demo_api_token";
  static final String DEMO_INDEX = "key_demo_index";
  static final String DEMO_STAGING = "key_demo_staging";
  static final String OTHER = "other";
  static final String OTHER_TOKEN = "other_api_token";
  static final String OTHER_INDEX = "key_other_index";

  private DemoAccounts() {}

  /** The accounts as the demo's stores seed them. */
  static List<DemoStores.SeedAccount> seed() {
    return List.of(
        new DemoStores.SeedAccount(DEMO, DEMO_TOKEN, Set.of(DEMO_INDEX, DEMO_STAGING)),
        new DemoStores.SeedAccount(OTHER, OTHER_TOKEN, Set.of(OTHER_INDEX)));
  }

  static InMemoryAccountStore store() {
    return InMemoryAccountStore.builder()
        .account(DEMO, DEMO_TOKEN, Set.of(DEMO_INDEX, DEMO_STAGING))
        .account(OTHER, OTHER_TOKEN, Set.of(OTHER_INDEX))
        .build();
  }

  /** What the command line prints after READY. */
  static List<String> help() {
    return List.of(
        "catalog (Basic with the API token as username and an empty password, or Bearer; HTTPS only"
            + " for private endpoints):",
        "  account demo:  API token " + DEMO_TOKEN + ", API keys " + DEMO_INDEX + ", " + DEMO_STAGING,
        "  account other: API token " + OTHER_TOKEN + ", API key " + OTHER_INDEX,
        "  try: curl -k -u " + DEMO_TOKEN + ": 'https://127.0.0.1:<https port>/v2/items?key=" + DEMO_INDEX + "'");
  }
}
