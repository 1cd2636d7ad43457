package dev.portcullis.testing.contract;

import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;

/** The in-memory application registry against its contract kit. */
class InMemoryApplicationsContractTest extends ApplicationRegistryContract {
  @Override
  protected ApplicationRegistry newRegistry() {
    return new InMemoryApplicationRegistry();
  }

  @Override
  protected boolean register(ApplicationRegistry registry, Application application) {
    return ((InMemoryApplicationRegistry) registry).add(application);
  }

  @Override
  protected boolean setEnabled(ApplicationRegistry registry, String apiKey, boolean enabled) {
    InMemoryApplicationRegistry r = (InMemoryApplicationRegistry) registry;
    return enabled ? r.enable(apiKey) : r.disable(apiKey);
  }
}
