package dev.portcullis.jaxrs;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Small schemes that exercise what the adapter must carry for any scheme: the body (as Digest
 * auth-int does), form parameters and a form-encoded rejection body (as OAuth 1.0a does), response
 * headers on success (as Digest's Authentication-Info), and a store outage.
 */
final class TestSchemes {
  private TestSchemes() {}

  static final Grants ITEMS_EVERYWHERE = Grants.of(new Permission("items", Operation.READ_WRITE, Set.of(Permission.ANY)));

  /** {@code Authorization: Sig <base64 SHA-256 of the body>}: needs the body bytes. */
  static final class BodyHash implements Scheme {
    @Override
    public String name() {
      return "Sig";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      byte[] expected = Base64.getEncoder().encode(sha256(request.body()));
      if (!MessageDigest.isEqual(expected, credentials.getBytes(StandardCharsets.US_ASCII))) {
        return new Outcome.Rejected(Reason.SIGNATURE_INVALID, name());
      }
      Identity id = new Identity("signer", "acct", null, name(), ITEMS_EVERYWHERE, Set.of("signer"), Map.of());
      return new Outcome.Authenticated(id, List.of(new Header("Authentication-Info", "rspauth=\"ok\"")));
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Sig realm=\"test\"");
    }
  }

  /** Credentials in a form body ({@code form_user=...}), refused with a form-encoded body. */
  static final class FormParams implements Scheme {
    @Override
    public String name() {
      return "Form";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      return new Outcome.Rejected(Reason.MALFORMED_HEADER, name());
    }

    @Override
    public Outcome authenticateUnannounced(AuthRequest request) {
      for (Param p : request.formParameters()) {
        if (p.name().equals("form_user")) {
          return p.value().equals("good")
              ? new Outcome.Authenticated(new Identity("former", null, null, name(), ITEMS_EVERYWHERE))
              : new Outcome.Rejected(Reason.SIGNATURE_INVALID, name());
        }
      }
      return Outcome.noCredentials();
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Form realm=\"test\"");
    }

    @Override
    public Denial.@Nullable Body rejectionBody(Outcome.Rejected rejection) {
      return new Denial.Body(Denial.Body.FORM, "oauth_problem=" + rejection.reason().code());
    }
  }

  /** {@code Authorization: Down}: its store is unreachable. */
  static final class Outage implements Scheme {
    @Override
    public String name() {
      return "Down";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      throw new StoreUnavailableException("user store offline");
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Down");
    }
  }

  /** {@code Authorization: Probe}: accepts anyone and remembers what the view said. */
  static final class Probe implements Scheme {
    final AtomicReference<Map<String, Object>> last = new AtomicReference<>();

    @Override
    public String name() {
      return "Probe";
    }

    @Override
    public Outcome authenticate(AuthRequest r, String credentials) {
      last.set(Map.of("method", r.method(), "scheme", r.scheme(), "host", r.host(), "port", r.port(),
          "rawPath", r.rawPath(), "rawQuery", String.valueOf(r.rawQuery()), "secure", r.secure(),
          "remoteAddress", r.remoteAddress(), "authorization", r.headers("authorization")));
      return new Outcome.Authenticated(new Identity("prober", null, null, name(), ITEMS_EVERYWHERE));
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Probe");
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
