package dev.portcullis.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzz targets for the text parsers every request goes through. In a normal build
 * Jazzer replays the seeds under {@code ParserFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * it mutates them (see docs/fuzzing.md).
 *
 * <p>Inputs are raw bytes read as UTF-8 (malformed sequences become U+FFFD), so a seed file is the
 * header or form text itself.
 */
class ParserFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void authParams(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    Map<String, String> params;
    try {
      params = AuthParams.parse(input);
    } catch (MalformedException e) {
      Inputs.assertSafeMessage(e, input);
      return;
    }
    assertThat(params.size()).isLessThanOrEqualTo(AuthParams.MAX_PARAMS);
    for (Map.Entry<String, String> p : params.entrySet()) {
      assertThat(AuthParams.isToken(p.getKey())).as("name %s", p.getKey()).isTrue();
      assertThat(p.getKey()).isLowerCase();
    }
    // What parsed re-renders (every value quoted, escapes restored) and parses to the same map.
    StringBuilder again = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (again.length() > 0) {
        again.append(", ");
      }
      again.append(p.getKey()).append("=\"");
      for (int i = 0; i < p.getValue().length(); i++) {
        char c = p.getValue().charAt(i);
        if (c == '"' || c == '\\') {
          again.append('\\');
        }
        again.append(c);
      }
      again.append('"');
    }
    assertThat(AuthParams.parse(again.toString())).isEqualTo(params);
  }

  @Test
  void aBareWordIsNotQuotedBack() {
    // Found by fuzzing (seed authParams/crash-5444...): the word may be a token sent to the wrong scheme.
    assertThatThrownBy(() -> AuthParams.parse("c2VjcmV0VG9rZW4xMjM0NTY3"))
        .isInstanceOf(MalformedException.class)
        .hasMessage("an auth-param has no '='");
  }

  @FuzzTest(maxDuration = "60s")
  void percentDecode(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    for (boolean plus : new boolean[] {false, true}) {
      String decoded;
      try {
        decoded = PercentCodec.decode(input, plus);
      } catch (MalformedException e) {
        Inputs.assertSafeMessage(e, input);
        continue;
      }
      assertThat(Inputs.isWellFormedUtf16(decoded)).as("decoded text is valid Unicode").isTrue();
      // Decoding is a fixed point of encoding: what decoded encodes and decodes back to itself.
      assertThat(PercentCodec.decode(PercentCodec.encode(decoded), plus)).isEqualTo(decoded);
      if (input.indexOf('%') < 0 && (!plus || input.indexOf('+') < 0)) {
        assertThat(decoded).isEqualTo(input);
      }
    }
  }

  /** Any string, lone surrogates included, encodes to unreserved ASCII and escapes, and decodes back. */
  @FuzzTest(maxDuration = "60s")
  void percentRoundTrip(byte[] data) {
    for (String s : List.of(new String(data, StandardCharsets.UTF_8), Inputs.utf16(data))) {
      String encoded = PercentCodec.encode(s);
      for (int i = 0; i < encoded.length(); i++) {
        char c = encoded.charAt(i);
        assertThat(PercentCodec.isUnreserved(c) || c == '%' || Inputs.isUpperHex(c))
            .as("char %s in %s", (int) c, encoded).isTrue();
      }
      // A lone surrogate has no UTF-8 form; it is sent as U+FFFD, as String.getBytes does.
      String expected = Inputs.isWellFormedUtf16(s) ? s : Inputs.replaceLoneSurrogates(s);
      assertThat(PercentCodec.decode(encoded, false)).isEqualTo(expected);
      assertThat(PercentCodec.decode(encoded, true)).isEqualTo(expected);
      StringBuilder sb = new StringBuilder("x");
      PercentCodec.encodeTo(sb, s);
      assertThat(sb.substring(1)).isEqualTo(encoded);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void formDecode(byte[] data) {
    String input = new String(data, StandardCharsets.ISO_8859_1);
    List<Param> params;
    try {
      params = FormCodec.decode(data);
    } catch (MalformedException e) {
      Inputs.assertSafeMessage(e, input);
      if (input.chars().allMatch(c -> c < 0x80)) {
        // Only the byte form refuses non-ASCII outright; for ASCII both forms must agree.
        assertThatThrownBy(() -> FormCodec.decode(input)).isInstanceOf(MalformedException.class);
      }
      return;
    }
    assertThat(FormCodec.decode(input)).isEqualTo(params);
    assertThat(params.size()).isLessThanOrEqualTo(FormCodec.MAX_PARAMS);
    // Re-encoding keeps every pair, duplicates and empty values included, in order.
    assertThat(FormCodec.decode(FormCodec.encode(params))).isEqualTo(params);
  }

  /** Pairs built from arbitrary Unicode survive encode then decode, in order. */
  @FuzzTest(maxDuration = "60s")
  void formRoundTrip(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    List<Param> pairs = new ArrayList<>();
    for (String field : text.split("\n", -1)) {
      int tab = field.indexOf('\t');
      pairs.add(tab < 0 ? new Param(field, "") : new Param(field.substring(0, tab), field.substring(tab + 1)));
      if (pairs.size() == FormCodec.MAX_PARAMS) {
        break;
      }
    }
    String encoded = FormCodec.encode(pairs);
    assertThat(encoded.chars().allMatch(c -> c < 0x80)).isTrue();
    assertThat(FormCodec.decode(encoded.getBytes(StandardCharsets.US_ASCII))).isEqualTo(pairs);
  }
}
