package dev.portcullis.core.internal;

import dev.portcullis.core.http.MalformedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentCodecTest {

  @Test
  void encodesEverythingButUnreservedWithUpperCaseHex() {
    assertThat(PercentCodec.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
    assertThat(PercentCodec.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
    assertThat(PercentCodec.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
    assertThat(PercentCodec.encode("-._~azAZ09")).isEqualTo("-._~azAZ09");
    assertThat(PercentCodec.encode("*")).isEqualTo("%2A");
  }

  @Test
  void encodesNonAsciiAsUtf8() {
    assertThat(PercentCodec.encode("☃")).isEqualTo("%E2%98%83");
    assertThat(PercentCodec.encode("é")).isEqualTo("%C3%A9");
    assertThat(PercentCodec.encode("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
  }

  @Test
  void encodesLoneSurrogateAsReplacementCharacter() {
    assertThat(PercentCodec.encode("\uD83D")).isEqualTo("%EF%BF%BD");
  }

  @Test
  void decodeInvertsEncode() {
    String s = "a b+c/é☃\uD83D\uDE00%&=";
    assertThat(PercentCodec.decode(PercentCodec.encode(s), false)).isEqualTo(s);
  }

  @Test
  void decodesBothHexCases() {
    assertThat(PercentCodec.decode("%e2%98%83%2a", false)).isEqualTo("☃*");
  }

  @Test
  void plusIsSpaceOnlyInFormMode() {
    assertThat(PercentCodec.decode("a+b", true)).isEqualTo("a b");
    assertThat(PercentCodec.decode("a+b", false)).isEqualTo("a+b");
    assertThat(PercentCodec.decode("a%2Bb", true)).isEqualTo("a+b");
  }

  @Test
  void returnsInputWhenNothingToDecode() {
    String s = "plain";
    assertThat(PercentCodec.decode(s, true)).isSameAs(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "%4", "abc%", "%G1", "%1G", "%%", "a%zz"})
  void rejectsBadEscapes(String s) {
    assertThatThrownBy(() -> PercentCodec.decode(s, false))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("percent-escape");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%FF", "%C3", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF"})
  void rejectsBytesThatAreNotUtf8(String s) {
    assertThatThrownBy(() -> PercentCodec.decode(s, false))
        .isInstanceOf(MalformedException.class)
        .hasMessage("text is not valid UTF-8");
  }

  @Test
  void keepsAlreadyDecodedNonAsciiNextToEscapes() {
    assertThat(PercentCodec.decode("é%20☃", false)).isEqualTo("é ☃");
  }

  @Test
  void manyDecodedNonAsciiCharsFollowedByAsciiDoNotOverflow() {
    // Found by RandomInputTest: 4 snowmen take 12 bytes, then 10 more ASCII bytes overran a 14-byte buffer.
    assertThat(PercentCodec.decode("☃☃☃☃+aaaaaaaaa", true)).isEqualTo("☃☃☃☃ aaaaaaaaa");
    assertThat(PercentCodec.decode("é".repeat(100) + "%41".repeat(50) + "b".repeat(300), false))
        .isEqualTo("é".repeat(100) + "A".repeat(50) + "b".repeat(300));
  }

  @Test
  void keepsAlreadyDecodedSupplementaryCharactersWhole() {
    assertThat(PercentCodec.decode("\uD83D\uDE00%20x", false)).isEqualTo("\uD83D\uDE00 x");
  }

  @Test
  void refusesLoneSurrogatesNextToEscapes() {
    assertThatThrownBy(() -> PercentCodec.decode("\uD83D%20", false)).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> PercentCodec.decode("%20\uDE00", false)).isInstanceOf(MalformedException.class);
  }

  @Test
  void utf8StrictDecodesARange() {
    byte[] b = "xé☃y".getBytes(StandardCharsets.UTF_8);
    assertThat(PercentCodec.utf8Strict(b, 1, b.length - 2)).isEqualTo("é☃");
    assertThatThrownBy(() -> PercentCodec.utf8Strict(new byte[] {(byte) 0xC3}, 0, 1))
        .isInstanceOf(MalformedException.class);
  }
}
