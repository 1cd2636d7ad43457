package dev.portcullis.servlet;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A scheme for exercising the filter without any real credential check:
 * {@code Authorization: Test subject[;flag...]}, where the flags are {@code role=R}, {@code grant=scope:op:resource},
 * {@code body} (read and hash the body), {@code form} (read form parameters), {@code down} (store
 * unavailable), {@code boom} (an unexpected exception), {@code info} (a response header) and
 * {@code wrong} (refused).
 */
final class TestScheme implements Scheme {
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public String name() {
    return "Test";
  }

  @Override
  public Outcome authenticate(AuthRequest request, String credentials) {
    calls.incrementAndGet();
    String[] parts = credentials.split(";");
    String subject = parts[0].trim();
    Set<String> roles = new HashSet<>();
    List<Permission> perms = new ArrayList<>();
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String f = parts[i].trim();
      if (f.startsWith("role=")) {
        roles.add(f.substring(5));
      } else if (f.startsWith("grant=")) {
        String[] g = f.substring(6).split(":");
        perms.add(new Permission(g[0], Operation.fromCode(g[1]), Set.of(g[2])));
      } else if (f.equals("body")) {
        headers.add(new Header("X-Body-Length", Integer.toString(request.body().length)));
        headers.add(new Header("X-Body-Text", new String(request.body(), StandardCharsets.UTF_8)));
      } else if (f.equals("form")) {
        StringBuilder sb = new StringBuilder();
        for (Param p : request.formParameters()) {
          sb.append(p.name()).append('=').append(PercentCodec.encode(p.value())).append(';');
        }
        headers.add(new Header("X-Form", sb.toString()));
      } else if (f.equals("down")) {
        throw new StoreUnavailableException("test store is down");
      } else if (f.equals("boom")) {
        throw new IllegalStateException("secret-in-message-must-not-be-logged");
      } else if (f.equals("info")) {
        headers.add(new Header("Authentication-Info", "test=ok"));
      } else if (f.equals("wrong")) {
        return new Outcome.Rejected(Reason.CREDENTIALS_INVALID, name());
      }
    }
    headers.add(new Header("X-Secure", Boolean.toString(request.secure())));
    headers.add(new Header("X-Origin", request.scheme() + "://" + request.host() + ":" + request.port()));
    headers.add(new Header("X-Raw", request.rawPath() + "?" + request.rawQuery()));
    Identity id = new Identity(subject, "acct", null, name(), Grants.of(perms), roles, Map.of());
    return new Outcome.Authenticated(id, headers);
  }

  @Override
  public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
    return List.of("Test realm=\"test\"");
  }

  @Override
  public List<String> insufficientScope(Identity identity, Requirement requirement) {
    return List.of("Test realm=\"test\", error=\"insufficient_scope\"");
  }
}
