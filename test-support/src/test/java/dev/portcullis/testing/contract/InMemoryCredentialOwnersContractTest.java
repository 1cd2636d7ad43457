package dev.portcullis.testing.contract;

import dev.portcullis.core.memory.InMemoryCredentialOwners;
import dev.portcullis.core.spi.CredentialOwners;

/** The in-memory credential owners against their contract kit. */
class InMemoryCredentialOwnersContractTest extends CredentialOwnersContract {
  @Override
  protected CredentialOwners newOwners() {
    return new InMemoryCredentialOwners();
  }
}
