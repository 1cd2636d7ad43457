package dev.portcullis.console;

import java.util.Objects;

/**
 * Who is signed in to the console: the user (whose OAuth authorizations the console lists, the
 * subject OAuth access tokens are issued to) and the account whose API tokens, API keys and OAuth
 * applications they manage. {@code toString} shows both; neither is a secret.
 *
 * @param user the signed-in user's stable id, as {@link dev.portcullis.core.spi.oauth1.UserDirectory} answers it
 * @param account the account (tenant) the user manages
 */
public record ConsoleUser(String user, String account) {
  public ConsoleUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(account, "account");
    if (user.isEmpty() || account.isEmpty()) {
      throw new IllegalArgumentException("user and account must not be empty");
    }
  }
}
