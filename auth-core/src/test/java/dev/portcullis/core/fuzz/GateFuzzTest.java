package dev.portcullis.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.http.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary requests against a gate with Basic, Bearer, Digest and OAuth 1.0a configured. For every
 * input: {@link dev.portcullis.core.Gate#authenticate} returns a value (never throws); a refusal is
 * 400, 401, 403 or 413 and its rendered denial holds no secret; an acceptance happens only for
 * credentials an independent oracle finds genuinely valid; and a refused request changes no state
 * (no nonce or nonce count recorded, no token touched or spent).
 *
 * <p>Seeds live in {@code GateFuzzTestInputs/requests/}; those named {@code valid-*} are genuine
 * credentials, which {@link #validSeedsAuthenticate} keeps honest.
 */
class GateFuzzTest {
  private static final Set<Integer> REFUSAL_STATUSES = Set.of(400, 401, 403, 413);

  @FuzzTest(maxDuration = "120s")
  void requests(byte[] data) {
    check(new String(data, StandardCharsets.UTF_8));
  }

  /** Runs one input through the gate and checks every property; returns the outcome. */
  static Outcome check(String input) {
    GateWorld world = new GateWorld();
    AuthRequest request = GateWorld.request(input);
    Outcome outcome = world.gate.authenticate(request);
    assertThat(outcome).isNotNull();
    if (outcome instanceof Outcome.Authenticated ok) {
      assertGenuine(request, ok.identity());
      return outcome;
    }
    assertThat(world.digestGuard.size()).as("a refused request recorded a digest nonce count").isZero();
    assertThat(world.oauthGuard.size()).as("a refused request spent an OAuth nonce").isZero();
    assertThat(GateWorld.OAUTH_TOKENS.find(GateWorld.ACCESS_TOKEN)).isEqualTo(GateWorld.ACCESS);
    assertThat(GateWorld.OAUTH_TOKENS.find(GateWorld.REQUEST_TOKEN)).isEqualTo(GateWorld.REQUEST);
    assertThat(GateWorld.API_TOKENS.size()).isZero();

    Denial denial = world.gate.deny(request, outcome);
    if (outcome instanceof Outcome.Rejected rejected) {
      assertThat(REFUSAL_STATUSES).as("status of %s", rejected.reason()).contains(rejected.status());
      assertThat(denial.status()).isEqualTo(rejected.status());
    } else {
      assertThat(denial.status()).isEqualTo(401);
    }
    List<String> rendered = new ArrayList<>();
    rendered.add(denial.body().text());
    for (Header h : denial.headers()) {
      rendered.add(h.value());
    }
    List<String> secrets = new ArrayList<>(GateWorld.SECRETS);
    secrets.addAll(secretLookingParts(input));
    for (String text : rendered) {
      for (String secret : secrets) {
        assertThat(text).as("denial leaks a secret").doesNotContain(secret);
      }
    }
    return outcome;
  }

  private static void assertGenuine(AuthRequest request, Identity identity) {
    String authz = request.header("Authorization");
    switch (identity.scheme()) {
      case "Basic", "Bearer" -> {
        String credentials = Oracles.credentialsFor(identity.scheme(), authz);
        assertThat(credentials).isNotNull();
        assertThat(Oracles.genuineToken(identity.scheme(), credentials, GateWorld.ACCOUNT_TOKEN))
            .as("%s accepted without the account token", identity.scheme()).isTrue();
      }
      case "Digest" -> {
        String credentials = Oracles.credentialsFor("Digest", authz);
        assertThat(credentials).isNotNull();
        assertThat(Oracles.genuineDigest(request, credentials, GateWorld.DIGEST_USER, GateWorld.DIGEST_REALM,
            GateWorld.DIGEST_PASSWORD)).as("Digest accepted a response the password does not give").isTrue();
        assertThat(identity.subject()).isEqualTo("ctct_customer");
      }
      case "OAuth" -> {
        assertThat(OAuthOracle.genuinelySigned(request, Oracles.credentialsFor("OAuth", authz),
            GateWorld.CONSUMER_SECRET, GateWorld.ACCESS_SECRET))
            .as("OAuth accepted a signature the secrets do not give").isTrue();
        assertThat(identity.subject()).isEqualTo("jane");
      }
      default -> throw new AssertionError("unexpected scheme " + identity.scheme());
    }
  }

  /**
   * Long runs of token characters with a digit, a lower-case and an upper-case letter that a client
   * sent as a credential or a value: a password, token or signature. Our own messages never qualify
   * (their words have no digit; the digits of their percent-escapes stand next to lower-case words
   * only), nor do parameter names, which a refusal may name: in the Authorization line a run
   * followed by '=', elsewhere everything but the values of name=value pairs.
   */
  static List<String> secretLookingParts(String input) {
    String[] lines = input.split("\n", 4);
    List<String> out = new ArrayList<>();
    for (int l = 0; l < lines.length; l++) {
      if (l == 1) {
        runs(lines[l], true, out);
        continue;
      }
      for (String pair : lines[l].split("[&?]")) {
        int eq = pair.indexOf('=');
        if (eq >= 0) {
          runs(pair.substring(eq + 1), false, out);
        }
      }
    }
    return out;
  }

  private static void runs(String text, boolean skipNames, List<String> out) {
    int i = 0;
    while (i < text.length()) {
      int start = i;
      boolean digit = false;
      boolean lower = false;
      boolean upper = false;
      while (i < text.length() && isSecretChar(text.charAt(i))) {
        char c = text.charAt(i);
        digit |= c >= '0' && c <= '9';
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
        i++;
      }
      boolean name = skipNames && i < text.length() && text.charAt(i) == '=';
      if (i - start >= 16 && digit && lower && upper && !name) {
        out.add(text.substring(start, i));
      }
      i = Math.max(i, start + 1);
    }
  }

  private static boolean isSecretChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/'
        || c == '_' || c == '-' || c == '~';
  }

  @Test
  void validSeedsAuthenticate() throws IOException {
    Path dir = Path.of("src/test/resources/dev/portcullis/core/fuzz/GateFuzzTestInputs/requests");
    List<Path> valid;
    try (Stream<Path> files = Files.list(dir)) {
      valid = files.filter(f -> f.getFileName().toString().startsWith("valid-")).sorted().toList();
    }
    assertThat(valid).hasSizeGreaterThanOrEqualTo(5);
    for (Path f : valid) {
      String input;
      try {
        input = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(check(input)).as(f.getFileName().toString()).isInstanceOf(Outcome.Authenticated.class);
    }
  }

  @Test
  void aBareWordAfterTheSchemeNameIsNotEchoed() {
    // Found by fuzzing: "has no '='" used to quote the word, which may be a token sent to the wrong scheme.
    for (String scheme : List.of("OAuth", "Digest")) {
      Outcome o = check("GET /v2/items\n" + scheme + " c2VjcmV0VG9rZW4xMjM0NTY3\n\n");
      assertThat(o).isInstanceOf(Outcome.Rejected.class);
      Denial d = new GateWorld().gate.deny(GateWorld.request("GET /\n\n\n"), o);
      assertThat(d.body().text()).doesNotContainIgnoringCase("c2VjcmV0VG9rZW4xMjM0NTY3");
    }
  }
}
