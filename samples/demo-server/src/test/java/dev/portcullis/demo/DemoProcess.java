package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One demo node as an operator runs it: {@code java -jar demo-server.jar} in its own JVM on free
 * ports (the shaded jar named by the {@code demo.jar} system property, which failsafe sets), its
 * output in files, up once it printed the contract's READY line. {@link #kill9} takes it down with
 * no shutdown hook and no orderly close of anything; {@link #close} kills it too.
 */
public final class DemoProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("READY http=(\\d+) https=(\\d+)");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int http;
  private final int https;

  private DemoProcess(Process process, Path stdout, Path stderr, int http, int https) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.http = http;
    this.https = https;
  }

  /**
   * Starts the jar in {@code dir} with {@code --http-port 0 --https-port 0} and {@code args}, and
   * waits (up to 120 s) for its READY line.
   */
  public static DemoProcess start(Path dir, String... args) throws Exception {
    String jarProperty = System.getProperty("demo.jar");
    assertThat(jarProperty).as("system property demo.jar (set by the pom)").isNotBlank();
    Path jar = Path.of(jarProperty);
    assertThat(jar).exists();
    Path stderr = Files.createTempFile("demo-server", ".err");
    // stdout goes to a file: reading a pipe races the JVM closing it when the child exits
    Path stdout = Files.createTempFile("demo-server", ".out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
        "--http-port", "0", "--https-port", "0"));
    cmd.addAll(List.of(args));
    Process process = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(stderr.toFile())
        .redirectOutput(stdout.toFile())
        .start();
    process.getOutputStream().close();
    String first = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (first == null && System.nanoTime() < deadline && process.isAlive()) {
      List<String> sofar = Files.readAllLines(stdout, StandardCharsets.UTF_8);
      if (sofar.size() > 1) {
        first = sofar.get(0);
      } else {
        Thread.sleep(200);
      }
    }
    Matcher m = READY.matcher(first == null ? "" : first);
    if (!m.matches()) {
      process.destroyForcibly();
    }
    assertThat(m.matches()).as("first stdout line: %s; stderr: %s", first, Files.readString(stderr)).isTrue();
    int http = Integer.parseInt(m.group(1));
    int https = Integer.parseInt(m.group(2));
    assertThat(http).isPositive().isNotEqualTo(https);
    return new DemoProcess(process, stdout, stderr, http, https);
  }

  public int httpPort() {
    return http;
  }

  public int httpsPort() {
    return https;
  }

  public Process process() {
    return process;
  }

  /** A client for this node's two ports. */
  public DemoClient client() {
    return new DemoClient(http, https);
  }

  /** Everything the node printed to stdout so far. */
  public List<String> stdout() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  /** Everything the node logged (stderr) so far. */
  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** SIGKILL, and waits for the exit status the JVM gets from it (137). */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed within 30 s").isTrue();
    assertThat(process.exitValue()).isEqualTo(137);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    Files.deleteIfExists(stderr);
    Files.deleteIfExists(stdout);
  }
}
