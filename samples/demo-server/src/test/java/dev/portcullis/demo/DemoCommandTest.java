package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's parsing and help, without starting a server. */
class DemoCommandTest {

  static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = DemoCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void helpListsEveryOption() {
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "--help")).isZero();
    assertThat(out.toString()).contains("--http-port", "--https-port", "--host", "--keystore",
        "--keystore-password", "--trusted-proxy", "8080", "8443", "127.0.0.1",
        "--store", "--data", "portcullis-data", "--jdbc-url", "--jdbc-user", "--jdbc-password", "--node-name");
  }

  @Test
  void storeOptionsThatContradictOrMisspellAreUsageErrors() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "--store", "redis", "--http-port", "0", "--https-port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--store must be h2 or memory").doesNotContain("\tat ");
    StringWriter err2 = new StringWriter();
    assertThat(run(new StringWriter(), err2, "--store", "memory", "--jdbc-url", "jdbc:postgresql://db/x",
        "--http-port", "0", "--https-port", "0")).isEqualTo(2);
    assertThat(err2.toString()).contains("--jdbc-url cannot be combined with --store");
    StringWriter err3 = new StringWriter();
    assertThat(run(new StringWriter(), err3, "--store", "memory", "--node-name", "no spaces please",
        "--http-port", "0", "--https-port", "0")).isEqualTo(1);
    assertThat(err3.toString()).startsWith("demo-server: ").contains("--node-name").doesNotContain("\tat ");
  }

  @Test
  void badOptionsFailWithoutAStackTrace() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "--http-port", "eighty")).isEqualTo(2);
    assertThat(err.toString()).contains("--http-port").doesNotContain("\tat ");
    assertThat(run(new StringWriter(), new StringWriter(), "--nope")).isEqualTo(2);
  }

  @Test
  void startupFailuresAreOneLine() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "--http-port", "0", "--https-port", "0",
        "--keystore", "/no/such/file.p12", "--keystore-password", "pw")).isEqualTo(1);
    assertThat(err.toString()).startsWith("demo-server: ").contains("key store").doesNotContain("\tat ")
        .doesNotContain("pw");
    StringWriter err2 = new StringWriter();
    assertThat(run(new StringWriter(), err2, "--http-port", "70000")).isEqualTo(1);
    assertThat(err2.toString()).contains("httpPort");
  }
}
