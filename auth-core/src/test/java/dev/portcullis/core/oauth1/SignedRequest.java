package dev.portcullis.core.oauth1;

import dev.portcullis.core.spi.oauth1.SignatureMethod;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A client-side signer for tests: builds a signed request the way an OAuth client library would. */
final class SignedRequest {
  enum Where { HEADER, QUERY, BODY }

  private final String method;
  private final String url;
  private String consumerSecret = "";
  private String tokenSecret = "";
  private @Nullable PrivateKey rsaKey;
  private SignatureMethod signatureMethod = SignatureMethod.HMAC_SHA1;
  private final Map<String, String> oauth = new LinkedHashMap<>();
  private Where where = Where.HEADER;
  private @Nullable String contentType;
  private byte @Nullable [] body;
  private UnaryOperator<String> tamperSignature = UnaryOperator.identity();
  private boolean secure;
  private boolean secureSet;
  private final List<String[]> extraHeaders = new ArrayList<>();

  private SignedRequest(String method, String url) {
    this.method = method;
    this.url = url;
  }

  static SignedRequest of(String method, String url) {
    return new SignedRequest(method, url);
  }

  SignedRequest consumer(String key, String secret) {
    oauth.put("oauth_consumer_key", key);
    consumerSecret = secret;
    return this;
  }

  SignedRequest token(String token, String secret) {
    oauth.put("oauth_token", token);
    tokenSecret = secret;
    return this;
  }

  SignedRequest method(SignatureMethod m) {
    signatureMethod = m;
    return this;
  }

  SignedRequest rsa(PrivateKey key) {
    rsaKey = key;
    return this;
  }

  SignedRequest at(long timestamp, String nonce) {
    oauth.put("oauth_timestamp", Long.toString(timestamp));
    oauth.put("oauth_nonce", nonce);
    return this;
  }

  /** Sets (or with null removes) one protocol parameter, before signing. */
  SignedRequest param(String name, @Nullable String value) {
    if (value == null) {
      oauth.remove(name);
    } else {
      oauth.put(name, value);
    }
    return this;
  }

  SignedRequest in(Where where) {
    this.where = where;
    return this;
  }

  SignedRequest body(String contentType, String body) {
    this.contentType = contentType;
    this.body = body.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  SignedRequest tamper(UnaryOperator<String> signature) {
    tamperSignature = signature;
    return this;
  }

  SignedRequest secure(boolean secure) {
    this.secure = secure;
    this.secureSet = true;
    return this;
  }

  SignedRequest header(String name, String value) {
    extraHeaders.add(new String[] {name, value});
    return this;
  }

  AuthRequest build() {
    URI u = URI.create(url);
    String scheme = u.getScheme();
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    String rawPath = u.getRawPath() == null ? "" : u.getRawPath();
    String rawQuery = u.getRawQuery();

    Map<String, String> protocol = new LinkedHashMap<>(oauth);
    protocol.putIfAbsent("oauth_signature_method", signatureMethod.wireName());
    List<Param> signed = new ArrayList<>(FormCodec.decode(rawQuery));
    boolean form = FormCodec.isForm(contentType);
    String formBody = body == null ? null : new String(body, StandardCharsets.US_ASCII);
    if (form && formBody != null) {
      signed.addAll(FormCodec.decode(formBody));
    }
    protocol.forEach((k, v) -> signed.add(new Param(k, v)));
    String base = BaseString.of(method, BaseString.baseUri(scheme, u.getHost(), port, rawPath), signed);
    protocol.put("oauth_signature", tamperSignature.apply(sign(base)));

    AuthRequests.Builder b = AuthRequests.builder().method(method).scheme(scheme).host(u.getHost())
        .port(port).rawPath(rawPath);
    List<Param> protocolParams = new ArrayList<>();
    protocol.forEach((k, v) -> protocolParams.add(new Param(k, v)));
    switch (where) {
      case HEADER -> {
        StringBuilder h = new StringBuilder("OAuth realm=\"test\"");
        protocol.forEach((k, v) -> h.append(", ").append(k).append("=\"").append(PercentCodec.encode(v)).append('"'));
        b.header("Authorization", h.toString());
        b.rawQuery(rawQuery);
      }
      case QUERY -> {
        String enc = FormCodec.encode(protocolParams);
        b.rawQuery(rawQuery == null || rawQuery.isEmpty() ? enc : rawQuery + "&" + enc);
      }
      case BODY -> {
        b.rawQuery(rawQuery);
        String enc = FormCodec.encode(protocolParams);
        contentType = "application/x-www-form-urlencoded";
        formBody = formBody == null || formBody.isEmpty() ? enc : formBody + "&" + enc;
        body = formBody.getBytes(StandardCharsets.US_ASCII);
      }
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (body != null) {
      b.body(body);
    }
    if (secureSet) {
      b.secure(secure);
    }
    for (String[] h : extraHeaders) {
      b.header(h[0], h[1]);
    }
    return b.build();
  }

  private String sign(String base) {
    if (signatureMethod == SignatureMethod.PLAINTEXT) {
      return PercentCodec.encode(consumerSecret) + "&" + PercentCodec.encode(tokenSecret);
    }
    if (signatureMethod.isRsa()) {
      try {
        Signature s = Signature.getInstance(signatureMethod.jcaName());
        s.initSign(rsaKey);
        s.update(base.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(s.sign());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] key = Signatures.hmacKey(consumerSecret.getBytes(StandardCharsets.UTF_8),
        tokenSecret.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(Signatures.hmac(signatureMethod, key, base));
  }
}
