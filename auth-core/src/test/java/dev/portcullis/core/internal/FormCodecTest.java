package dev.portcullis.core.internal;

import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormCodecTest {

  @Test
  void keepsOrderDuplicatesAndEmptyValues() {
    assertThat(FormCodec.decode("a=1&a=&c+d=%E2%98%83&flag&a=2")).containsExactly(
        new Param("a", "1"), new Param("a", ""), new Param("c d", "☃"), new Param("flag", ""),
        new Param("a", "2"));
  }

  @Test
  void skipsEmptyPairs() {
    assertThat(FormCodec.decode("&&a=1&&")).containsExactly(new Param("a", "1"));
  }

  @Test
  void valueMayContainEquals() {
    assertThat(FormCodec.decode("sig=abc==&x==")).containsExactly(new Param("sig", "abc=="), new Param("x", "="));
  }

  @Test
  void plusIsASpaceAndEncodedPlusIsAPlus() {
    assertThat(FormCodec.decode("q=a+b%2Bc")).containsExactly(new Param("q", "a b+c"));
  }

  @Test
  void nullOrEmptyIsNoParams() {
    assertThat(FormCodec.decode((String) null)).isEmpty();
    assertThat(FormCodec.decode("")).isEmpty();
  }

  @Test
  void rejectsBadEscapesAndNonUtf8() {
    assertThatThrownBy(() -> FormCodec.decode("a=%zz")).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> FormCodec.decode("a=%")).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> FormCodec.decode("a=%FF%FE")).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> FormCodec.decode("%C3=1")).isInstanceOf(MalformedException.class);
  }

  @Test
  void rejectsRawNonAsciiBodyBytes() {
    byte[] body = "a=é".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FormCodec.decode(body))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("non-ASCII");
  }

  @Test
  void decodesAsciiBody() {
    assertThat(FormCodec.decode("oauth_token=t&x=%E2%98%83".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(new Param("oauth_token", "t"), new Param("x", "☃"));
  }

  @Test
  void boundsTheNumberOfPairs() {
    String many = "a=1&".repeat(FormCodec.MAX_PARAMS + 1);
    assertThatThrownBy(() -> FormCodec.decode(many)).hasMessage("too many parameters");
    assertThat(FormCodec.decode("a=1&".repeat(FormCodec.MAX_PARAMS))).hasSize(FormCodec.MAX_PARAMS);
  }

  @Test
  void encodesWithRfc3986Escapes() {
    assertThat(FormCodec.encode(List.of(new Param("oauth_token", "a b"), new Param("s", "x+y/☃"))))
        .isEqualTo("oauth_token=a%20b&s=x%2By%2F%E2%98%83");
    List<Param> ps = List.of(new Param("k", "v w"), new Param("k", ""));
    assertThat(FormCodec.decode(FormCodec.encode(ps))).isEqualTo(ps);
  }

  @Test
  void recognizesFormContentTypeIgnoringParamsAndCase() {
    assertThat(FormCodec.isForm("application/x-www-form-urlencoded")).isTrue();
    assertThat(FormCodec.isForm("Application/X-WWW-Form-Urlencoded ; charset=UTF-8")).isTrue();
    assertThat(FormCodec.isForm("application/json")).isFalse();
    assertThat(FormCodec.isForm("application/x-www-form-urlencoded-not")).isFalse();
    assertThat(FormCodec.isForm(null)).isFalse();
  }
}
