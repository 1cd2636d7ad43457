package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.ReadyProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One demo node as an operator runs it: the shaded jar named by the {@code demo.jar} system
 * property (failsafe sets it) as its own JVM on free ports ({@link ReadyProcess}), up once it
 * printed the contract's READY line, with a {@link DemoClient} for its ports. {@link #kill9} takes
 * it down with no shutdown hook and no orderly close of anything; {@link #close} kills it too.
 */
public final class DemoProcess implements AutoCloseable {
  private final ReadyProcess process;

  private DemoProcess(ReadyProcess process) {
    this.process = process;
  }

  /** Starts the jar in {@code dir} with {@code args} and waits (up to 120 s) for its READY line. */
  public static DemoProcess start(Path dir, String... args) throws Exception {
    String jar = System.getProperty("demo.jar");
    assertThat(jar).as("system property demo.jar (set by the pom)").isNotBlank();
    assertThat(Path.of(jar)).exists();
    DemoProcess demo = new DemoProcess(ReadyProcess.start(Path.of(jar), dir, List.of("-Xmx512m"), args));
    assertThat(demo.httpPort()).isPositive().isNotEqualTo(demo.httpsPort());
    return demo;
  }

  public int httpPort() {
    return process.httpPort();
  }

  public int httpsPort() {
    return process.httpsPort();
  }

  public Process process() {
    return process.process();
  }

  /** A client for this node's two ports. */
  public DemoClient client() {
    return new DemoClient(httpPort(), httpsPort());
  }

  /** Everything the node printed to stdout so far. */
  public List<String> stdout() throws IOException {
    return process.stdout();
  }

  /** Everything the node logged (stderr) so far. */
  public String stderr() throws IOException {
    return process.stderr();
  }

  /** SIGKILL, and the exit status the JVM gets from it (137). */
  public void kill9() throws InterruptedException {
    assertThat(process.kill9()).as("killed within 30 s, by SIGKILL").isEqualTo(137);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.close();
  }
}
