package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": Python's requests-oauthlib runs the three-legged flow against the demo
 * server, logs in on the authorize page with plain requests, reads the campaigns, and does the
 * public-app flow. Skipped (assumption) only when no python3 with requests-oauthlib is installed.
 */
class OAuthFlowPythonTest {

  private static String python() {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import requests_oauthlib, requests")
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed under this name; try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Test
  void requestsOAuthlibRunsTheWholeFlow(@TempDir Path dir) throws Exception {
    String python = python();
    assumeTrue(python != null, "python3 with requests-oauthlib is not installed");
    Path script = dir.resolve("oauth_flow.py");
    try (InputStream in = OAuthFlowPythonTest.class.getResourceAsStream("oauth_flow.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (DemoServer server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build(),
        List.of(new EmailListsApi()))) {
      Process p = new ProcessBuilder(python, script.toString(), "http://127.0.0.1:" + server.httpPort())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as(out).contains("request token ok", "bad credentials refused", "access token ok",
          "HMAC-SHA256 ok", "other account 403", "public app ok", "ALL OK");
      assertThat(p.exitValue()).as(out).isZero();
    }
  }
}
