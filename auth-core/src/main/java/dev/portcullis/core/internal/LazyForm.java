package dev.portcullis.core.internal;

import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The form parameters of a request view, decoded once from the body bytes on first use, and only
 * when the content type is {@code application/x-www-form-urlencoded} ({@link FormCodec#isForm}).
 * Every {@code AuthRequest} implementation holds one instead of decoding the form itself.
 *
 * <p>Not thread-safe: it belongs to one request view.
 */
public final class LazyForm {
  private final Supplier<@Nullable String> contentType;
  private final Supplier<byte[]> body;
  private @Nullable List<Param> params;

  /** Decodes {@code body.get()} on the first {@link #params()} call if {@code contentType} is a form. */
  public LazyForm(Supplier<@Nullable String> contentType, Supplier<byte[]> body) {
    this.contentType = contentType;
    this.body = body;
  }

  /**
   * The decoded parameters, or an empty list for a body that is not a form.
   *
   * @throws MalformedException if the form is malformed
   * @throws BodyTooLargeException if the body is over the adapter's cap
   */
  public List<Param> params() {
    if (params == null) {
      params = FormCodec.isForm(contentType.get()) ? FormCodec.decode(body.get()) : List.of();
    }
    return params;
  }
}
