package dev.portcullis.core.token;

import java.util.Objects;

/**
 * A token just created: its public facts and the secret token string, which exists only here.
 *
 * <p>Show {@link #secret()} to the account once and drop it; the server keeps only its hash.
 * {@code toString} leaves the secret out.
 *
 * @param info the public facts
 * @param secret the full token string the client will send ({@code pct_...})
 */
public record IssuedToken(TokenInfo info, String secret) {
  public IssuedToken {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "IssuedToken[info=" + info + ", secret=(redacted)]";
  }
}
