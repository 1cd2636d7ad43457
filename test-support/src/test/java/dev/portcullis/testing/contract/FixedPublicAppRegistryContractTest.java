package dev.portcullis.testing.contract;

import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import java.util.List;

/** {@link PublicAppRegistry#of}, the in-memory registry, against its contract kit. */
class FixedPublicAppRegistryContractTest extends PublicAppRegistryContract {
  @Override
  protected PublicAppRegistry newRegistry(List<PublicApp> apps) {
    return PublicAppRegistry.of(apps);
  }
}
