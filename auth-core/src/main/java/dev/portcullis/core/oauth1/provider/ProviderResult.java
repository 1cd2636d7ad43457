package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.Outcome;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import java.util.List;
import java.util.Objects;

/**
 * What a token endpoint answers: credentials to send form-encoded, or a refusal for the
 * {@link dev.portcullis.core.Gate} to render (401/400 with {@code oauth_problem}).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ProviderResult permits ProviderResult.Issued, ProviderResult.Refused {

  /**
   * Credentials were issued (RFC 5849 §2.1, §2.3).
   *
   * @param params the response parameters in order ({@code oauth_token}, {@code oauth_token_secret}, ...)
   */
  record Issued(List<Param> params) implements ProviderResult {
    public Issued {
      params = List.copyOf(params);
    }

    /** The {@code application/x-www-form-urlencoded} body. */
    public String formBody() {
      return FormCodec.encode(params);
    }

    @Override
    public String toString() {
      return "Issued[" + params.size() + " params]";
    }
  }

  /** The request was refused; {@code rejection.scheme()} is {@code "OAuth"}. */
  record Refused(Outcome.Rejected rejection) implements ProviderResult {
    public Refused {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
