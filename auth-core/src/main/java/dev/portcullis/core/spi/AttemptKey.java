package dev.portcullis.core.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is trying to authenticate, as far as can be told before anything is verified: the three
 * counters of an {@link AttemptLimiter} are the pair ({@code identifier} and {@code address}), the
 * identifier alone and the address alone, each within {@code realm}.
 *
 * <p>None of the fields is a secret: the identifier is the part of a credential that names who it
 * claims to be (a Digest username, an API key, an OAuth consumer key, a generated token's id), never
 * a password or a whole token, and it is unverified, so a limiter must treat it as attacker-chosen.
 *
 * @param realm what is being attacked: the scheme name ({@code "Digest"}, {@code "Basic"},
 *     {@code "Bearer"}, {@code "OAuth"}) or {@code "login"} for the authorize pages
 * @param identifier who the credential names; null when it names nobody parseable (then only the
 *     address counts)
 * @param address the client address after trusted-proxy resolution
 */
public record AttemptKey(String realm, @Nullable String identifier, String address) {
  public AttemptKey {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(address, "address");
  }
}
