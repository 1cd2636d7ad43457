package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserDirectory} must do (its Javadoc's Contract): the right password gives the
 * user's stable id, anything else gives empty and never an exception, and authentication is a read:
 * no number of failures locks a user (throttling is the provider's job). Extend it and implement
 * {@link #newDirectory}.
 */
public abstract class UserDirectoryContract {
  private UserDirectory users;

  /**
   * A directory holding exactly these users with these passwords (usernames as typed on the page).
   * Keep the password hashing cheap for tests (a low PBKDF2 iteration count).
   */
  protected abstract UserDirectory newDirectory(Map<String, String> usersAndPasswords);

  @BeforeEach
  void fill() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("demo_user", "demo_password");
    m.put("other_user", "other_password");
    m.put("jörg", "pässwörd ☃ 𝄞");
    users = newDirectory(m);
  }

  private Optional<String> login(String user, String password) {
    return users.authenticate(user, password.toCharArray());
  }

  @Test
  void theRightPasswordGivesTheUsersStableId() {
    Optional<String> demo = login("demo_user", "demo_password");
    assertThat(demo).isPresent();
    assertThat(login("demo_user", "demo_password")).as("stable: tokens are issued to it").isEqualTo(demo);
    Optional<String> other = login("other_user", "other_password");
    assertThat(other).isPresent().isNotEqualTo(demo);
    assertThat(login("jörg", "pässwörd ☃ 𝄞")).as("non-ASCII usernames and passwords").isPresent();
  }

  @Test
  void anythingButTheRightPasswordIsEmpty() {
    assertThat(login("demo_user", "wrong")).isEmpty();
    assertThat(login("demo_user", "")).isEmpty();
    assertThat(login("demo_user", "demo_passwor")).as("a prefix").isEmpty();
    assertThat(login("demo_user", "demo_password ")).as("one character more").isEmpty();
    assertThat(login("demo_user", "other_password")).as("another user's password").isEmpty();
    assertThat(login("nobody", "demo_password")).as("an unknown user").isEmpty();
    assertThat(login("jörg", "passwörd ☃ 𝄞")).isEmpty();
  }

  @Test
  void oddInputIsEmptyNeverAnException() {
    assertThat(login("", "")).isEmpty();
    assertThat(login("demo_user\u0000", "demo_password")).isEmpty();
    assertThat(login("x".repeat(256), "y".repeat(1024))).isEmpty();
    assertThat(login("demo_user", "demo_password\u0000")).isEmpty();
    assertThat(login("' OR '1'='1", "' OR '1'='1")).isEmpty();
  }

  @Test
  void authenticationIsAReadSoFailuresNeverLockAUser() {
    for (int i = 0; i < 30; i++) {
      assertThat(login("demo_user", "guess" + i)).isEmpty();
    }
    assertThat(login("demo_user", "demo_password")).isPresent();
  }

  @Test
  void concurrentSignInsAllGetTheSameAnswer() throws Exception {
    String id = login("demo_user", "demo_password").orElseThrow();
    int ok = Races.winners(8, t -> t % 2 == 0
        ? login("demo_user", "demo_password").filter(id::equals).isPresent()
        : login("demo_user", "wrong" + t).isEmpty());
    assertThat(ok).isEqualTo(8);
  }
}
