package dev.portcullis.testing.contract;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.spi.AccountStore;
import java.util.List;

/** The in-memory account store against its contract kit. */
class InMemoryAccountsContractTest extends AccountStoreContract {
  @Override
  protected AccountStore newStore(List<Seed> accounts) {
    InMemoryAccountStore.Builder b = InMemoryAccountStore.builder();
    for (Seed s : accounts) {
      b.account(s.id(), s.apiToken(), s.apiKeys());
    }
    return b.build();
  }
}
