package dev.portcullis.demo.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contacts API as a newcomer tries it: {@code curl --digest} and Python's
 * {@code requests.auth.HTTPDigestAuth} against the real demo server. Skipped (assumption) only when
 * curl or python3 with requests is not installed.
 */
class ContactsClientsTest {
  static final String USER = ContactsApi.API_KEY + "%ctct_customer";
  static DemoServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  static String url(String customer) {
    return "http://127.0.0.1:" + server.httpPort() + "/ws/customers/" + customer + "/contacts";
  }

  static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  static List<String> curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/stderr", "-w", "%{http_code}"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void curlDigestGetAndPost() throws Exception {
    assumeTrue(runs("curl", "--version"), "curl is not installed");
    String get = run("curl", "-sS", "--digest", "-u", USER + ":mypassword", "-w", "\n%{http_code}", url("ctct_customer"));
    assertThat(get).endsWith("\n200").contains("\"customer\":\"ctct_customer\"", "ada@example.org");
    String post = run("curl", "-sS", "--digest", "-u", USER + ":mypassword", "-w", "\n%{http_code}",
        "-H", "Content-Type: application/json", "--data", "{\"name\":\"curl\",\"email\":\"curl@example.org\"}", url("ctct_customer"));
    assertThat(post).endsWith("\n201").contains("curl@example.org");
    String forbidden = run("curl", "-sS", "--digest", "-u", USER + ":mypassword", "-o", "/dev/null", "-w", "%{http_code}", url("other_customer"));
    assertThat(forbidden).isEqualTo("403");
    String disabled = run("curl", "-sS", "--digest", "-u", ContactsApi.DISABLED_API_KEY + "%ctct_customer:mypassword",
        "-o", "/dev/null", "-w", "%{http_code}", url("ctct_customer"));
    assertThat(disabled).isEqualTo("401");
  }

  @Test
  void pythonRequestsHttpDigestAuthGetAndPost(@TempDir Path dir) throws Exception {
    assumeTrue(runs("python3", "-c", "import requests"), "python3 with requests is not installed");
    Path script = dir.resolve("contacts.py");
    Files.writeString(script, String.join("\n",
        "import sys, requests",
        "from requests.auth import HTTPDigestAuth",
        "base, user = sys.argv[1], sys.argv[2]",
        "s = requests.Session()",
        "s.auth = HTTPDigestAuth(user, 'mypassword')",
        "r = s.get(base + '/ws/customers/ctct_customer/contacts')",
        "print('GET', r.status_code, r.json()['customer'])",
        "r = s.post(base + '/ws/customers/ctct_customer/contacts', json={'name': 'py', 'email': 'py@example.org'})",
        "print('POST', r.status_code, r.json()['email'])",
        "r = requests.get(base + '/ws/customers/other_customer/contacts', auth=HTTPDigestAuth(user, 'mypassword'))",
        "print('OTHER', r.status_code)",
        "r = requests.get(base + '/ws/customers/ctct_customer/contacts', auth=HTTPDigestAuth(user, 'wrong'))",
        "print('WRONG', r.status_code)",
        ""));
    String out = run("python3", script.toString(), "http://127.0.0.1:" + server.httpPort(), USER);
    assertThat(out).contains("GET 200 ctct_customer", "POST 201 py@example.org", "OTHER 403", "WRONG 401");
  }
}
