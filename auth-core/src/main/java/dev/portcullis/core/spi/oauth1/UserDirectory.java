package dev.portcullis.core.spi.oauth1;

import java.util.Optional;

/**
 * Checks the login a user types on the authorize page; the provider's only view of user accounts.
 *
 * <p>Implementations compare against stored password hashes ({@link PasswordHash} or the
 * application's own), never plaintext, and take about as long for an unknown user as for a known
 * one.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe; {@link #authenticate} is a read (it
 * writes nothing; throttling is the provider's job) and throws
 * {@link dev.portcullis.core.spi.StoreUnavailableException} when the directory cannot be reached
 * (fail closed), never empty for an outage. Anything but the right password gives empty, never an
 * exception (the username and password are whatever the page's form carried); the id a user gets
 * is stable, since tokens are issued to it; no number of failures locks a user.
 *
 * <p>The in-memory implementation is
 * {@link dev.portcullis.core.oauth1.provider.InMemoryUserDirectory}; the test-support module's
 * {@code UserDirectoryContract} checks an implementation against this.
 *
 * <pre>{@code
 * UserDirectory users = InMemoryUserDirectory.builder()
 *     .user("demo_user", "demo_password".toCharArray())
 *     .build();
 * users.authenticate("demo_user", "demo_password".toCharArray()); // Optional[demo_user]
 * }</pre>
 */
public interface UserDirectory {

  /**
   * Checks a username and password.
   *
   * @param username as typed
   * @param password as typed; the caller zeroes it afterwards
   * @return the user's stable id (the subject tokens are issued to), or empty when the login is wrong
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the directory cannot be reached
   */
  Optional<String> authenticate(String username, char[] password);
}
