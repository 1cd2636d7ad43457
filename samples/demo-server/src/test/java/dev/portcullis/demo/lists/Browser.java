package dev.portcullis.demo.lists;

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
 * Drives the authorize page the way a browser does: keeps cookies, reads the one form's action and
 * hidden inputs out of the HTML, posts it back with the typed username and password, and does not
 * follow redirects so the test can read the callback URL.
 */
final class Browser {
  private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
  private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** One parsed form: where it posts and its hidden fields. */
  record Form(URI action, Map<String, String> hidden) {}

  HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Form form(URI page, String html) {
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

  /** GETs the page, fills in the login and submits it; returns the response to the POST. */
  HttpResponse<String> login(URI page, String username, String password) throws IOException, InterruptedException {
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

  static String elementText(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no element with id " + id + " in:\n" + html);
    }
    return unescape(m.group(1));
  }

  static Map<String, String> query(String uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = URI.create(uri).getRawQuery();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
