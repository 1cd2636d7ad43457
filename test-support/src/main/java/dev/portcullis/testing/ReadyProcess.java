package dev.portcullis.testing;

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
 * A server jar run as its own JVM ({@code java [jvm args] -jar JAR --http-port 0 --https-port 0
 * [args]}), up once the first line of its stdout is the demo contract's
 * {@code READY http=<port> https=<port>}. Its stdout and stderr go to files (reading a pipe races
 * the JVM closing it when the child exits), deleted on {@link #close}, which also kills it.
 *
 * <pre>{@code
 * try (ReadyProcess demo = ReadyProcess.start(jar, dir, List.of("-Xmx512m"), "--store", "memory")) {
 *   URI items = URI.create("https://127.0.0.1:" + demo.httpsPort() + "/v2/items?key=k");
 * }
 * }</pre>
 */
public final class ReadyProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("READY http=(\\d+) https=(\\d+)");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int http;
  private final int https;

  private ReadyProcess(Process process, Path stdout, Path stderr, int http, int https) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.http = http;
    this.https = https;
  }

  /**
   * Starts {@code jar} in {@code dir} on free ports and waits, up to 120 s, for its READY line.
   *
   * @throws IllegalStateException if the process exits or stays silent first (with its stderr)
   */
  public static ReadyProcess start(Path jar, Path dir, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("ready-process", ".err");
    Path out = Files.createTempFile("ready-process", ".out");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--http-port", "0", "--https-port", "0"));
    cmd.addAll(List.of(args));
    Process process = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
    process.getOutputStream().close();
    String first = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (first == null && System.nanoTime() < deadline && process.isAlive()) {
      List<String> sofar = Files.readAllLines(out, StandardCharsets.UTF_8);
      if (sofar.size() > 1) {
        first = sofar.get(0);
      } else {
        Thread.sleep(200);
      }
    }
    Matcher m = READY.matcher(first == null ? "" : first);
    if (!m.matches()) {
      process.destroyForcibly();
      throw new IllegalStateException("no READY line from " + jar.getFileName() + "; first stdout line: " + first
          + "; stderr: " + Files.readString(err));
    }
    return new ReadyProcess(process, out, err, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
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

  /** Everything the process printed to stdout so far. */
  public List<String> stdout() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  /** Everything it wrote to stderr (its log) so far. */
  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /**
   * SIGKILL: no shutdown hook runs, nothing is closed in order.
   *
   * @return the exit status (137 for a JVM killed so), or -1 if it had not exited within 30 s
   */
  public int kill9() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    Files.deleteIfExists(stderr);
    Files.deleteIfExists(stdout);
  }
}
