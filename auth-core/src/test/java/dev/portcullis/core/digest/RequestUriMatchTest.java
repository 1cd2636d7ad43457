package dev.portcullis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RFC 7616 §3.4.6 check that the {@code uri} parameter names the request it came on. */
class RequestUriMatchTest {
  private static final String PATH = "/ws/customers/c1/contacts";

  private static boolean matches(String uri, String path, @Nullable String query, String host) {
    return RequestUriMatch.matches(uri, 0, uri.length(), path, query, host);
  }

  @Test
  void originFormMatchesThePathAndQueryExactly() {
    assertThat(matches(PATH, PATH, null, "localhost")).isTrue();
    assertThat(matches(PATH + "?a=1&b", PATH, "a=1&b", "localhost")).isTrue();
    assertThat(matches(PATH + "?", PATH, "", "localhost")).as("an empty query is still a query").isTrue();
  }

  @ParameterizedTest(name = "{0} vs {1} ? {2}")
  @CsvSource(nullValues = "NULL", value = {
      // a query missing, added, different or reordered
      "/ws/customers/c1/contacts, /ws/customers/c1/contacts, a=1",
      "/ws/customers/c1/contacts?a=1, /ws/customers/c1/contacts, NULL",
      "/ws/customers/c1/contacts?a=2, /ws/customers/c1/contacts, a=1",
      "/ws/customers/c1/contacts?b&a=1, /ws/customers/c1/contacts, a=1&b",
      "/ws/customers/c1/contacts?, /ws/customers/c1/contacts, NULL",
      // another path, a prefix of it, a longer one, a trailing slash, a fragment
      "/ws/customers/c2/contacts, /ws/customers/c1/contacts, NULL",
      "/ws/customers/c1, /ws/customers/c1/contacts, NULL",
      "/ws/customers/c1/contacts/x, /ws/customers/c1/contacts, NULL",
      "/ws/customers/c1/contacts/, /ws/customers/c1/contacts, NULL",
      "/ws/customers/c1/contacts#top, /ws/customers/c1/contacts, NULL",
      // path case matters (only scheme and host are case-insensitive)
      "/WS/customers/c1/contacts, /ws/customers/c1/contacts, NULL",
      // percent-encodings are compared as sent: no decoding, no hex-case folding
      "/ws/%41, /ws/A, NULL",
      "/ws/A, /ws/%41, NULL",
      "/ws/a%2fb, /ws/a%2Fb, NULL",
      "/ws/a%2Fb, /ws/a/b, NULL",
      "/ws?q=%20, /ws, q=+",
      // not a path at all
      "*, /ws, NULL",
      "ws/customers, ws/customers, NULL",
  })
  void anythingElseInOriginFormDoesNotMatch(String uri, String path, @Nullable String query) {
    assertThat(matches(uri, path, query, "localhost")).isFalse();
  }

  @Test
  void percentEncodingsMatchWhenSentTheSameWay() {
    assertThat(matches("/ws/a%2Fb?q=%C3%BC", "/ws/a%2Fb", "q=%C3%BC", "localhost")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "http://localhost/ws, localhost",
      "https://localhost/ws, localhost",
      "HTTP://LOCALHOST/ws, localhost",
      "HtTpS://LocalHost:8443/ws, localhost",
      "http://localhost:1/ws, localhost",
      "http://[::1]/ws, [::1]",
      "http://[::1]:8080/ws, [::1]",
      "http://[::1]/ws, ::1",
      "http://[2001:DB8::1]/ws, [2001:db8::1]",
      "http://203.0.113.7:80/ws, 203.0.113.7",
  })
  void absoluteFormMatchesForThisHost(String uri, String host) {
    assertThat(matches(uri, "/ws", null, host)).isTrue();
    assertThat(matches(uri + "?x=1", "/ws", "x=1", host)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "http://evil.example/ws",
      "http://localhost.evil.example/ws",
      "http://localhos/ws",
      "http://user@localhost/ws",
      "http://localhost@evil.example/ws",
      "http:///ws",
      "http://localhost",
      "http://localhost?x=1",
      "ftp://localhost/ws",
      "httpx://localhost/ws",
      "//localhost/ws",
      "http:/localhost/ws",
      "http://[::1/ws",
      "http://localhost/ws/other",
      "http://localhost/WS",
  })
  void absoluteFormForAnotherHostOrPathDoesNotMatch(String uri) {
    assertThat(matches(uri, "/ws", null, "localhost")).isFalse();
  }

  @Test
  void bracketedHostIsNotMistakenForAnotherAddress() {
    assertThat(matches("http://[::2]/ws", "/ws", null, "[::1]")).isFalse();
    assertThat(matches("http://[::1]/ws", "/ws", null, "[::10]")).isFalse();
  }

  @Test
  void onlyTheGivenRangeOfTheHeaderIsRead() {
    // the uri sits inside header text; what is around it must not count
    String header = "uri=\"/ws?a=1\", response=\"x\"";
    int from = header.indexOf('/');
    int to = header.indexOf('"', from);
    assertThat(RequestUriMatch.matches(header, from, to, "/ws", "a=1", "localhost")).isTrue();
    assertThat(RequestUriMatch.matches(header, from, to - 1, "/ws", "a=1", "localhost")).isFalse();
    assertThat(RequestUriMatch.matches(header, from, to, "/ws", "a=1\"", "localhost")).isFalse();
    assertThat(RequestUriMatch.matches(header, from, from, "/ws", null, "localhost")).as("empty uri").isFalse();
  }
}
