package dev.portcullis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.MalformedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateTest {

  /** A scheme whose answers the test chooses, recording what the gate handed it. */
  private static final class FakeScheme implements Scheme {
    final String name;
    final List<String> seen = new ArrayList<>();
    final List<Outcome.@Nullable Rejected> causes = new ArrayList<>();
    BiFunction<AuthRequest, String, Outcome> answer;
    Function<AuthRequest, Outcome> unannounced = r -> Outcome.noCredentials();
    Denial.@Nullable Body body;

    FakeScheme(String name) {
      this.name = name;
      this.answer = (r, c) -> new Outcome.Authenticated(
          new Identity("alice", null, null, name, Grants.none()));
    }

    @Override public String name() { return name; }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      seen.add(credentials);
      return answer.apply(request, credentials);
    }

    int unannouncedCalls;

    @Override
    public Outcome authenticateUnannounced(AuthRequest request) {
      unannouncedCalls++;
      return unannounced.apply(request);
    }

    @Override
    public boolean carriesUnannouncedCredentials(AuthRequest request) {
      return !(unannounced.apply(request) instanceof Outcome.NoCredentials);
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      causes.add(cause);
      return List.of(name + " realm=\"r\"" + (cause == null ? "" : ", error=\"" + cause.reason().code() + "\""));
    }

    @Override
    public List<String> insufficientScope(Identity identity, Requirement requirement) {
      return List.of(name + " error=\"insufficient_scope\", scope=\"" + requirement.scopeLabel() + "\"");
    }

    @Override
    public Denial.@Nullable Body rejectionBody(Outcome.Rejected rejection) {
      return body;
    }
  }

  private final FakeScheme basic = new FakeScheme("Basic");
  private final FakeScheme bearer = new FakeScheme("Bearer");
  private final Gate gate = Gate.builder().scheme(basic).scheme(bearer).build();

  private static AuthRequests.Builder request() {
    return AuthRequests.builder().method("GET").rawPath("/v2/items");
  }

  private static List<String> challenges(Denial d) {
    return d.headers().stream().filter(h -> h.name().equals("WWW-Authenticate")).map(Header::value).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer abc", "bearer abc", "BEARER abc", "bEaReR   abc", "  Bearer\tabc"})
  void picksTheSchemeByCaseInsensitiveName(String header) {
    Outcome o = gate.authenticate(request().header("Authorization", header).build());
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    assertThat(bearer.seen).containsExactly("abc");
    assertThat(basic.seen).isEmpty();
  }

  @Test
  void passesEmptyCredentialsWhenOnlyTheSchemeIsSent() {
    gate.authenticate(request().header("Authorization", "Basic").build());
    assertThat(basic.seen).containsExactly("");
  }

  @Test
  void twoAuthorizationHeadersAre400AndNothingIsVerified() {
    AuthRequest r = request().header("Authorization", "Basic a").header("Authorization", "Bearer b").build();
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Reason.DUPLICATE_CREDENTIALS);
      assertThat(rej.status()).isEqualTo(400);
    });
    assertThat(basic.seen).isEmpty();
    assertThat(bearer.seen).isEmpty();
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(400);
    assertThat(challenges(d)).isEmpty();
    assertThat(d.body().text()).contains("invalid_request").contains("exactly one Authorization header");
  }

  @Test
  void unknownSchemeIs401WithEveryChallenge() {
    AuthRequest r = request().header("Authorization", "Negotiate abc").build();
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        rej -> assertThat(rej.reason()).isEqualTo(Reason.UNSUPPORTED_SCHEME));
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(401);
    assertThat(challenges(d)).containsExactly("Basic realm=\"r\"", "Bearer realm=\"r\"");
    assertThat(d.body().contentType()).isEqualTo(Denial.Body.JSON);
    assertThat(d.body().text()).contains("\"status\":401").contains("unsupported_scheme");
  }

  @Test
  void noCredentialsIs401WithEveryChallenge() {
    AuthRequest r = request().build();
    Outcome o = gate.authenticate(r);
    assertThat(o).isSameAs(Outcome.noCredentials());
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(401);
    assertThat(challenges(d)).containsExactly("Basic realm=\"r\"", "Bearer realm=\"r\"");
    assertThat(d.body().text()).contains("unauthorized");
  }

  @Test
  void httpsRequiredIs403BeforeAnyVerification() {
    Gate strict = Gate.builder().scheme(basic).scheme(bearer).requireSecure(true).build();
    AuthRequest r = request().scheme("http").port(80).header("Authorization", "Bearer abc").build();
    Outcome o = strict.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Reason.HTTPS_REQUIRED);
      assertThat(rej.scheme()).isNull();
    });
    assertThat(bearer.seen).isEmpty();
    Denial d = strict.deny(r, o);
    assertThat(d.status()).isEqualTo(403);
    assertThat(challenges(d)).isEmpty();
    assertThat(d.body().text()).contains("HTTPS is required");
    assertThat(strict.requiresSecure()).isTrue();
  }

  @Test
  void secureRequestPassesTheHttpsRequirement() {
    Gate strict = Gate.builder().scheme(bearer).requireSecure(true).build();
    AuthRequest r = request().scheme("http").secure(true).header("Authorization", "Bearer abc").build();
    assertThat(strict.authenticate(r)).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void malformedExceptionBecomes400WithItsSafeMessage() {
    bearer.answer = (r, c) -> {
      throw new MalformedException("auth-param 'realm' appears more than once");
    };
    AuthRequest r = request().header("Authorization", "Bearer realm=a, realm=b").build();
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.status()).isEqualTo(400);
      assertThat(rej.message()).isEqualTo("auth-param 'realm' appears more than once");
    });
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(400);
    assertThat(d.body().text()).contains("appears more than once").doesNotContain("Exception");
  }

  @Test
  void bodyTooLargeBecomes413() {
    bearer.answer = (r, c) -> {
      throw new BodyTooLargeException(1024);
    };
    Outcome o = gate.authenticate(request().header("Authorization", "Bearer abc").build());
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        rej -> assertThat(rej.status()).isEqualTo(413));
  }

  @Test
  void unreachableStoreFailsClosedWith503() {
    bearer.answer = (r, c) -> {
      throw new dev.portcullis.core.spi.StoreUnavailableException("token store down");
    };
    Outcome o = gate.authenticate(request().header("Authorization", "Bearer abc").build());
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Reason.UNAVAILABLE);
      assertThat(rej.status()).isEqualTo(503);
    });
    Denial d = gate.deny(request().build(), o);
    assertThat(d.status()).isEqualTo(503);
    assertThat(d.body().text()).doesNotContain("token store down");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "=abc", "Bearer=abc", "Bé abc", "\"Bearer\" abc", "Bearer,abc"})
  void headerThatDoesNotStartWithASchemeNameIs400(String header) {
    Outcome o = gate.authenticate(request().header("Authorization", header).build());
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Reason.MALFORMED_HEADER);
      assertThat(rej.status()).isEqualTo(400);
    });
    assertThat(basic.seen).isEmpty();
    assertThat(bearer.seen).isEmpty();
  }

  @Test
  void credentialsOutsideTheHeaderAreUsedWhenThereIsNoHeader() {
    Outcome.Authenticated viaQuery = new Outcome.Authenticated(
        new Identity("bob", null, "consumer", "Bearer", Grants.none()));
    bearer.unannounced = r -> viaQuery;
    assertThat(gate.authenticate(request().build())).isSameAs(viaQuery);
  }

  @Test
  void headerPlusCredentialsElsewhereIs400() {
    bearer.unannounced = r -> new Outcome.Rejected(Reason.TOKEN_UNKNOWN, "Bearer");
    Outcome o = gate.authenticate(request().header("Authorization", "Basic abc").build());
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        rej -> assertThat(rej.reason()).isEqualTo(Reason.DUPLICATE_CREDENTIALS));
    assertThat(basic.seen).isEmpty();
    // Only a presence test ran: verifying (and spending a nonce) for a refused request would be a change of state.
    assertThat(bearer.unannouncedCalls).isZero();
  }

  @Test
  void onlyTheRefusingSchemeSeesTheCauseInItsChallenge() {
    bearer.answer = (r, c) -> new Outcome.Rejected(Reason.TOKEN_EXPIRED, "Bearer");
    AuthRequest r = request().header("Authorization", "Bearer abc").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(challenges(d)).containsExactly("Basic realm=\"r\"", "Bearer realm=\"r\", error=\"invalid_token\"");
    assertThat(basic.causes).containsExactly((Outcome.Rejected) null);
    assertThat(d.body().text()).contains("invalid_token").contains("The token has expired.");
  }

  @Test
  void schemeMayWriteItsOwnRejectionBody() {
    bearer.answer = (r, c) -> new Outcome.Rejected(Reason.SIGNATURE_INVALID, "Bearer");
    bearer.body = new Denial.Body(Denial.Body.FORM, "oauth_problem=signature_invalid");
    AuthRequest r = request().header("Authorization", "Bearer abc").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.body()).isEqualTo(new Denial.Body(Denial.Body.FORM, "oauth_problem=signature_invalid"));
  }

  @Test
  void rejectionDetailAndChallengeParamsSurvive() {
    Outcome.Rejected rej = new Outcome.Rejected(Reason.STALE_NONCE, "Digest", null, Map.of("stale", "true"));
    assertThat(rej.message()).isEqualTo(Reason.STALE_NONCE.message());
    assertThat(rej.challengeParams()).containsEntry("stale", "true");
    assertThat(new Outcome.Rejected(Reason.MALFORMED_HEADER, null, "why").message()).isEqualTo("why");
  }

  @Test
  void cannotDenyAnAuthenticatedOutcome() {
    AuthRequest r = request().header("Authorization", "Bearer abc").build();
    Outcome ok = gate.authenticate(r);
    assertThatThrownBy(() -> gate.deny(r, ok)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forbidIs403WithTheOwningSchemesChallenge() {
    Identity id = new Identity("alice", "demo", null, "Bearer", Grants.none());
    Denial d = gate.forbid(id, new Requirement("items", Operation.READ, "key_demo_index"));
    assertThat(d.status()).isEqualTo(403);
    assertThat(challenges(d)).containsExactly("Bearer error=\"insufficient_scope\", scope=\"items(r)\"");
    assertThat(d.body().text()).contains("insufficient_scope").contains("items(r) for key_demo_index");
    Denial noResource = gate.forbid(id, new Requirement("tokens", Operation.WRITE, null));
    assertThat(noResource.body().text()).contains("the permission tokens(w).");
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> Gate.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Gate.builder().scheme(basic).scheme(new FakeScheme("BASIC")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(gate.schemes()).containsExactly(basic, bearer);
  }

  @Test
  void requestViewLeavesHeadersOutOfToString() {
    AuthRequest r = request().header("Authorization", "Bearer s3cret").build();
    assertThat(r.toString()).doesNotContain("s3cret");
    assertThat(r.headers("authorization")).containsExactly("Bearer s3cret");
  }
}
