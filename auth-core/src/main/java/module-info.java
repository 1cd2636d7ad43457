/**
 * Portcullis core: the schemes (HTTP Digest, OAuth 1.0a, API tokens), the gate that runs them, the
 * access model, the store SPI and its in-memory stores. No servlet or JAX-RS type is used here.
 *
 * <p>Every package is exported today because each holds public API. {@code dev.portcullis.core.http}
 * also holds codecs our adapters share ({@code AuthParams}, {@code PercentCodec}, {@code FormCodec},
 * {@code Utf8}, {@code JsonText}); they are not API and are to move to {@code dev.portcullis.core.internal},
 * exported only to the adapters (see docs/public-api.md).
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.core {
  // Nullness annotations only: needed to compile, never at run time.
  requires static org.jspecify;
  // RsaKeys reads PEM public keys and certificates (bcpkix; SubjectPublicKeyInfo is in bcprov).
  // No Bouncy Castle type appears in our API, so these are not transitive.
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;

  exports dev.portcullis.core;
  exports dev.portcullis.core.access;
  exports dev.portcullis.core.digest;
  exports dev.portcullis.core.http;
  exports dev.portcullis.core.memory;
  exports dev.portcullis.core.oauth1;
  exports dev.portcullis.core.oauth1.provider;
  exports dev.portcullis.core.spi;
  exports dev.portcullis.core.spi.digest;
  exports dev.portcullis.core.spi.oauth1;
  exports dev.portcullis.core.token;
}
