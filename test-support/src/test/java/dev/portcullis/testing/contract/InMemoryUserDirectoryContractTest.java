package dev.portcullis.testing.contract;

import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.util.Map;

/** The in-memory user directory against its contract kit. */
class InMemoryUserDirectoryContractTest extends UserDirectoryContract {
  @Override
  protected UserDirectory newDirectory(Map<String, String> usersAndPasswords) {
    InMemoryUserDirectory.Builder b = InMemoryUserDirectory.builder().iterations(10_000);
    usersAndPasswords.forEach((user, password) -> b.user(user, password.toCharArray()));
    return b.build();
  }
}
