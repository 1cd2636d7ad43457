package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.demo.contacts.ContactsApi;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a customer uses it, in headless chromium against the real demo server on free
 * ports, with real clients on the other side: curl with the token copied from the page (and curl's
 * Digest for API keys), ScribeJava's OAuth 1.0a signing for a registered application, and the
 * authorize and public-app pages driven in the same browser. Screenshots of each page go to
 * {@code target/screenshots/}. Fails (never skips) when chromium cannot start.
 */
class ConsoleBrowserTest {
  private static DemoServer server;
  private static DemoClient client;
  private static String https;
  private static String http;
  private WebDriver browser;

  @TempDir static java.nio.file.Path data;

  @BeforeAll
  static void startServer() throws Exception {
    // the store the README's demo command runs on: H2 in a data directory
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0)
        .store(DemoSettings.Store.H2).dataDir(data).build());
    client = new DemoClient(server);
    https = "https://127.0.0.1:" + server.httpsPort();
    http = "http://127.0.0.1:" + server.httpPort();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  @BeforeEach
  void startBrowser() {
    browser = Browser.start();
  }

  @AfterEach
  void quitBrowser() {
    browser.quit();
  }

  /**
   * Clicks a button that submits a form and waits until the browser has left the page: the click
   * returns before the next page exists, and an element of the old one then goes stale. Chrome
   * sometimes reports that as an inspector error ("Node with given id does not belong to the
   * document") rather than as a stale element, when the check meets the document mid-swap; both
   * mean the old page is gone.
   */
  private void submit(WebElement button) {
    WebElement page = browser.findElement(By.tagName("html"));
    button.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
      try {
        page.isEnabled();
        return false;
      } catch (StaleElementReferenceException e) {
        return true;
      } catch (WebDriverException e) {
        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    });
  }

  private void signIn(String user, String password) throws Exception {
    browser.get(https + "/console/");
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    Browser.screenshot(browser, "01-console-sign-in");
    submit(browser.findElement(By.id("sign-in")));
    // the click submits a form: on a loaded machine the next page may not have replaced this one yet
    try {
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/console/tokens"));
    } catch (TimeoutException e) {
      throw new AssertionError("sign-in did not reach /console/tokens; the page says: "
          + browser.findElement(By.tagName("main")).getText(), e);
    }
  }

  @Test
  void aTokenWithTwoPermissionRowsWorksWithCurlUntilItIsRevokedOnThePage() throws Exception {
    signIn("demo_user", "demo_password");
    browser.findElement(By.id("name")).sendKeys("ci reader");
    browser.findElement(By.id("expires_days")).sendKeys("30");
    select("scope_0", "items");
    select("op_0", "r");
    browser.findElement(By.id("res_0_key_demo_index")).click();
    select("scope_1", "facets");
    select("op_1", "r");
    browser.findElement(By.id("res_1_key_demo_index")).click();
    Browser.screenshot(browser, "02-tokens-create-form");
    submit(browser.findElement(By.id("create-token")));

    WebElement secretField = browser.findElement(By.id("token-secret"));
    String secret = secretField.getDomProperty("value");
    assertThat(secret).startsWith("pct_");
    browser.findElement(By.id("copy-token-secret")).click();
    assertThat(browser.findElement(By.id("copy-token-secret")).getText()).isEqualTo("Copied");
    Browser.screenshot(browser, "03-tokens-secret-shown-once");

    String bearer = "Authorization: Bearer " + secret;
    assertThat(curl("-H", bearer, https + "/v2/items?key=key_demo_index")).isEqualTo("200");
    assertThat(curl("-H", bearer, https + "/v1/facets?key=key_demo_index")).isEqualTo("200");
    assertThat(curl("-H", bearer, https + "/v2/items?key=key_demo_staging")).isEqualTo("403");
    assertThat(curl("-H", bearer, https + "/v1/redirect_rules?key=key_demo_index")).isEqualTo("403");

    // the secret is shown once: the list never carries it
    browser.get(https + "/console/tokens");
    assertThat(browser.getPageSource()).doesNotContain(secret);
    WebElement row = browser.findElement(By.cssSelector("#tokens tr[data-token-id]"));
    assertThat(row.getText()).contains("ci reader", "items:r key_demo_index", "facets:r key_demo_index", "active");
    assertThat(row.findElements(By.tagName("td")).get(5).getText()).isNotEqualTo("never"); // last used
    submit(row.findElement(By.cssSelector("button[id^=revoke-]")));
    assertThat(browser.findElement(By.cssSelector("#tokens tr[data-token-id] td.status")).getText()).isEqualTo("revoked");
    Browser.screenshot(browser, "04-tokens-revoked");

    assertThat(curl("-H", bearer, https + "/v2/items?key=key_demo_index")).isEqualTo("401");
  }

  @Test
  void withoutJavaScriptATokenIsStillCreatedAndItsSecretShown() throws Exception {
    browser.quit();
    browser = Browser.start(false);
    signIn("demo_user", "demo_password");
    browser.findElement(By.id("name")).sendKeys("no script");
    select("scope_0", "redirects");
    select("op_0", "rw");
    browser.findElement(By.id("res_0_key_demo_staging")).click();
    submit(browser.findElement(By.id("create-token")));
    String secret = browser.findElement(By.id("token-secret")).getDomProperty("value");
    // the copy button is the script's; without it the button stays as rendered
    browser.findElement(By.id("copy-token-secret")).click();
    assertThat(browser.findElement(By.id("copy-token-secret")).getText()).isEqualTo("Copy");
    Browser.screenshot(browser, "17-tokens-without-javascript");
    assertThat(curl("-H", "Authorization: Bearer " + secret, https + "/v1/redirect_rules?key=key_demo_staging")).isEqualTo("200");
  }

  @Test
  void refusedInputIsShownNextToItsFieldAndChangesNothing() throws Exception {
    signIn("demo_user", "demo_password");
    select("scope_0", "items");
    browser.findElement(By.id("res_0_key_demo_index")).click();
    submit(browser.findElement(By.id("create-token")));
    assertThat(browser.findElement(By.id("name-error")).getText()).isEqualTo("A token needs a name.");
    assertThat(browser.findElement(By.id("name")).getAttribute("aria-describedby")).isEqualTo("name-error");
    browser.findElement(By.id("name")).sendKeys("no keys");
    browser.findElement(By.id("res_0_key_demo_index")).click(); // was kept checked: uncheck it
    submit(browser.findElement(By.id("create-token")));
    assertThat(browser.findElement(By.id("permissions-error")).getText()).contains("Choose at least one API key");
    Browser.screenshot(browser, "05-tokens-errors-next-to-fields");
    assertThat(browser.findElement(By.id("tokens")).getText()).doesNotContain("no keys");

    // a form without its CSRF token is refused
    ((JavascriptExecutor) browser).executeScript(
        "var f = document.getElementById('create-token').form; f.querySelector('input[name=csrf]').remove();");
    browser.findElement(By.id("name")).clear();
    browser.findElement(By.id("name")).sendKeys("forged");
    browser.findElement(By.id("res_0_key_demo_index")).click();
    submit(browser.findElement(By.id("create-token")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Form expired");
    browser.get(https + "/console/tokens");
    assertThat(browser.findElement(By.id("tokens")).getText()).doesNotContain("forged");
  }

  @Test
  void aKeyDisabledOnThePageIsRefusedByDigestAtOnceAndWorksAgainWhenReEnabled() throws Exception {
    String user = ContactsApi.API_KEY + "%ctct_customer:mypassword";
    String contacts = "http://127.0.0.1:" + server.httpPort() + "/ws/customers/ctct_customer/contacts";
    assertThat(curl("--digest", "-u", user, contacts)).isEqualTo("200");

    signIn("demo_user", "demo_password");
    browser.get(https + "/console/keys");
    WebElement row = browser.findElement(By.cssSelector("tr[data-api-key='" + ContactsApi.API_KEY + "']"));
    assertThat(row.findElement(By.className("status")).getText()).isEqualTo("enabled");
    Browser.screenshot(browser, "06-api-keys");
    submit(browser.findElement(By.id("disable-" + ContactsApi.API_KEY)));
    assertThat(browser.findElement(By.cssSelector("tr[data-api-key='" + ContactsApi.API_KEY + "'] .status")).getText())
        .isEqualTo("disabled");
    Browser.screenshot(browser, "07-api-key-disabled");
    assertThat(curl("--digest", "-u", user, contacts)).isEqualTo("401");

    submit(browser.findElement(By.id("enable-" + ContactsApi.API_KEY)));
    assertThat(curl("--digest", "-u", user, contacts)).isEqualTo("200");

    browser.findElement(By.id("name")).sendKeys("build server");
    submit(browser.findElement(By.id("create-key")));
    String created = browser.findElement(By.id("new-api-key")).getDomProperty("value");
    assertThat(created).matches("[0-9a-f-]{36}");
    assertThat(browser.findElement(By.cssSelector("tr[data-api-key='" + created + "'] .status")).getText()).isEqualTo("enabled");
    Browser.screenshot(browser, "08-api-key-created");
  }

  @Test
  void aRegisteredApplicationRunsTheOAuthFlowWithItsKeyAndSecretUntilTheUserRevokesIt() throws Exception {
    signIn("demo_user", "demo_password");
    browser.get(https + "/console/apps");
    browser.findElement(By.id("app_name")).sendKeys("Newsletter tool");
    browser.findElement(By.id("callbacks")).sendKeys("oob\nhttp://127.0.0.1:*");
    submit(browser.findElement(By.id("register-app")));
    String key = browser.findElement(By.id("consumer-key")).getDomProperty("value");
    String secret = browser.findElement(By.id("consumer-secret")).getDomProperty("value");
    String appId = browser.findElement(By.id("app-id")).getText();
    assertThat(appId).matches("[0-9a-f]{8}");
    Browser.screenshot(browser, "09-oauth-app-registered");

    OAuth10aService app = oauth(key, secret);
    OAuth1AccessToken at = authorizeInBrowser(app);
    assertThat(campaigns(app, at)).isEqualTo(200);

    browser.get(https + "/console/apps");
    WebElement authorized = browser.findElement(By.cssSelector("#authorized tr[data-consumer-key='" + key + "']"));
    assertThat(authorized.getText()).contains("Newsletter tool");
    Browser.screenshot(browser, "12-oauth-authorized-apps");

    // rotating the secret: the old one no longer signs, the new one does
    submit(browser.findElement(By.id("rotate-" + key)));
    String rotated = browser.findElement(By.id("consumer-secret")).getDomProperty("value");
    assertThat(rotated).isNotEqualTo(secret);
    assertThat(campaigns(oauth(key, secret), at)).isEqualTo(401);
    OAuth10aService rotatedApp = oauth(key, rotated);
    assertThat(campaigns(rotatedApp, at)).isEqualTo(200);

    browser.get(https + "/console/apps");
    submit(browser.findElement(By.id("revoke-access-" + key)));
    assertThat(browser.findElements(By.cssSelector("#authorized tr[data-consumer-key='" + key + "']"))).isEmpty();
    Browser.screenshot(browser, "13-oauth-access-revoked");
    assertThat(campaigns(rotatedApp, at)).isEqualTo(401);

    // the public App ID shown at registration works in the public-app flow
    browser.manage().deleteAllCookies();
    browser.get(https + "/1.0/oauth/authorize_app/" + appId);
    browser.findElement(By.id("username")).sendKeys("demo_user");
    browser.findElement(By.id("password")).sendKeys("demo_password");
    Browser.screenshot(browser, "14-public-app-login");
    submit(browser.findElement(By.cssSelector("button[value=approve]")));
    String[] code = browser.findElement(By.id("authorization-code")).getText().split("\\|", -1);
    Browser.screenshot(browser, "15-public-app-code");
    assertThat(code).hasSize(5);
    OAuth10aService derived = oauth(code[0], code[1]);
    OAuth1AccessToken derivedToken = derived.getAccessToken(new OAuth1RequestToken(code[2], code[3]), code[4]);
    assertThat(campaigns(derived, derivedToken)).isEqualTo(200);
  }

  @Test
  void theConsoleIsHttpsOnlyAndSendsItsSecurityHeaders() throws Exception {
    HttpResponse<String> plain = client.get("http://127.0.0.1:" + server.httpPort() + "/console/login", null);
    assertThat(plain.statusCode()).isEqualTo(403);
    HttpResponse<String> login = client.get(https + "/console/login", null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(login.headers().allValues("Set-Cookie")).singleElement().asString()
        .contains("HttpOnly", "Secure", "SameSite=Strict");
    assertThat(login.body()).contains("<label for=\"username\">").doesNotContain("<script>");

    browser.get(https + "/console/login");
    browser.findElement(By.id("username")).sendKeys("demo_user");
    browser.findElement(By.id("password")).sendKeys("wrong");
    submit(browser.findElement(By.id("sign-in")));
    assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong username or password.");
    Browser.screenshot(browser, "16-console-sign-in-refused");
  }

  private OAuth1AccessToken authorizeInBrowser(OAuth10aService app) throws Exception {
    OAuth1RequestToken rt = app.getRequestToken();
    browser.get(app.getAuthorizationUrl(rt));
    browser.findElement(By.id("username")).sendKeys("demo_user");
    browser.findElement(By.id("password")).sendKeys("demo_password");
    Browser.screenshot(browser, "10-oauth-authorize-page");
    submit(browser.findElement(By.cssSelector("button[value=approve]")));
    String verifier = browser.findElement(By.id("verifier")).getText();
    Browser.screenshot(browser, "11-oauth-verifier");
    return app.getAccessToken(rt, verifier);
  }

  private static OAuth10aService oauth(String key, String secret) {
    return new ServiceBuilder(key).apiSecret(secret).callback("oob").build(new DefaultApi10a() {
      // HMAC-signed requests go over plain HTTP (the JDK client would not trust the self-signed
      // certificate); the user's pages are opened over HTTPS in the browser
      @Override public String getRequestTokenEndpoint() { return http + "/1.0/oauth/request_token"; }
      @Override public String getAccessTokenEndpoint() { return http + "/1.0/oauth/access_token"; }
      @Override protected String getAuthorizationBaseUrl() { return https + "/1.0/oauth/authorize"; }
    });
  }

  private static int campaigns(OAuth10aService app, OAuth1AccessToken at) throws Exception {
    OAuthRequest req = new OAuthRequest(Verb.GET, http + "/1.0/accounts/1/lists/500000000/campaigns");
    app.signRequest(at, req);
    return app.execute(req).getCode();
  }

  private void select(String id, String value) {
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id(id))).selectByValue(value);
  }

  /** Runs curl (-k: the demo's certificate is self-signed) and answers the status code. */
  private static String curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{http_code}"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
