/**
 * Portcullis core: the schemes (HTTP Digest, OAuth 1.0a, API tokens), the gate that runs them, the
 * access model, the store SPI and its in-memory stores. No servlet or JAX-RS type is used here.
 *
 * <p>Every exported package holds public API (listed in docs/public-api.md).
 * {@code dev.portcullis.core.internal} holds the parsers, codecs and body plumbing the adapters share
 * ({@code AuthParams}, {@code PercentCodec}, {@code FormCodec}, {@code Utf8}, {@code JsonText},
 * {@code BoundedBody}, {@code LazyForm}, {@code RedactedFailure}): it is exported only to our own
 * adapters and may change in any release.
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
  exports dev.portcullis.core.internal to dev.portcullis.servlet, dev.portcullis.jaxrs;
  exports dev.portcullis.core.memory;
  exports dev.portcullis.core.oauth1;
  exports dev.portcullis.core.oauth1.provider;
  exports dev.portcullis.core.spi;
  exports dev.portcullis.core.spi.digest;
  exports dev.portcullis.core.spi.oauth1;
  exports dev.portcullis.core.token;
}
