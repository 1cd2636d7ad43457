package dev.portcullis.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives an OAuth 1.0a authorize page (RFC 5849 section 2.2) the way a browser does: keeps
 * cookies, reads the one form's action and hidden inputs out of the HTML, posts it back with the
 * typed username and password, and does not follow redirects so the test can read the callback URL.
 *
 * <pre>{@code
 * HttpResponse<String> r = new Browser().login(URI.create(service.getAuthorizationUrl(rt)), "demo_user", "demo_password");
 * String verifier = Browser.query(r.headers().firstValue("Location").orElseThrow()).get("oauth_verifier");
 * }</pre>
 *
 * <p>The HTML is read with patterns that fit the pages Portcullis renders (one form, attributes in
 * double quotes), not arbitrary HTML. Parsing failures throw {@link AssertionError} so the test
 * fails with the page in the message.
 *
 * <p>Not thread-safe: one instance is one browser with its own cookie jar.
 */
public final class Browser {
  private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
  private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /**
   * One parsed form: where it posts and its hidden fields.
   *
   * @param action the form's action, resolved against the page's URI
   * @param hidden the hidden inputs' names and values, in page order
   */
  public record Form(URI action, Map<String, String> hidden) {}

  /** GETs {@code uri} with this browser's cookies. */
  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs {@code fields} form-encoded, in their iteration order, with this browser's cookies. */
  public HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The first form in {@code html}, its action resolved against {@code page}.
   *
   * @throws AssertionError if the page has no form
   */
  public static Form form(URI page, String html) {
    Matcher f = FORM.matcher(html);
    if (!f.find()) {
      throw new AssertionError("no form in page:\n" + html);
    }
    Map<String, String> hidden = new LinkedHashMap<>();
    Matcher in = INPUT.matcher(f.group(2));
    while (in.find()) {
      Map<String, String> attrs = new LinkedHashMap<>();
      Matcher a = ATTR.matcher(in.group(1));
      while (a.find()) {
        attrs.put(a.group(1), unescape(a.group(2)));
      }
      if ("hidden".equals(attrs.get("type"))) {
        hidden.put(attrs.get("name"), attrs.getOrDefault("value", ""));
      }
    }
    return new Form(page.resolve(unescape(f.group(1))), hidden);
  }

  /**
   * GETs the page, fills in the login, approves and submits it; returns the response to the POST.
   *
   * @throws AssertionError if the page does not answer 200 or has no form
   */
  public HttpResponse<String> login(URI page, String username, String password) throws IOException, InterruptedException {
    HttpResponse<String> shown = get(page);
    if (shown.statusCode() != 200) {
      throw new AssertionError("page answered " + shown.statusCode() + ": " + shown.body());
    }
    Form form = form(page, shown.body());
    Map<String, String> fields = new LinkedHashMap<>(form.hidden());
    fields.put("username", username);
    fields.put("password", password);
    fields.put("decision", "approve");
    return post(form.action(), fields);
  }

  /**
   * The unescaped text of the element with the given {@code id}.
   *
   * @throws AssertionError if no element has that id
   */
  public static String elementText(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no element with id " + id + " in:\n" + html);
    }
    return unescape(m.group(1));
  }

  /** The decoded query parameters of {@code uri} (a callback URL), the last value of a repeated name winning. */
  public static Map<String, String> query(String uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = URI.create(uri).getRawQuery();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Undoes the five HTML escapes the page templates apply. */
  public static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
