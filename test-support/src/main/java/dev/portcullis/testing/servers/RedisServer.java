package dev.portcullis.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} (Redis 7, the Debian package) started by the tests themselves on a
 * free loopback port with a temporary directory and no persistence, and stopped when the JVM exits.
 *
 * <p>One JVM-wide instance ({@link #shared()}) is reused by every test class: a start costs about
 * 50 ms, but a fork per class adds up, and tests keep apart by using their own key prefixes (or
 * {@link #flushAll()}). Fault tests take a server of their own ({@link #startNew()}) and call
 * {@link #kill()} and {@link #restart()}: the server comes back on the same port, empty, as a Redis
 * without persistence does after a crash; {@link #pause()} freezes it instead.
 *
 * <pre>{@code
 * RedisServer redis = RedisServer.shared();
 * RedisClient client = RedisClient.create(redis.uri());
 * }</pre>
 *
 * <p>The binary is {@code $PORTCULLIS_REDIS_SERVER}, else {@code /usr/bin/redis-server}, else
 * {@code redis-server} on the {@code PATH}. It never depends on a Redis service of the machine being
 * started. Thread-safe (every method is synchronized).
 */
public final class RedisServer {
  private static @Nullable RedisServer shared;

  private final Path dir;
  private final int port;
  private @Nullable Process process;

  private RedisServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** The JVM-wide server, started on first use. */
  public static synchronized RedisServer shared() {
    if (shared == null) {
      RedisServer s = startNew();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "redis-server-stop"));
      shared = s;
    }
    return shared;
  }

  /**
   * A server of its own (stop it with {@link #stopAndDelete()}), for a test that must not share.
   *
   * @throws IllegalStateException if no redis-server binary is found or it does not start
   */
  public static RedisServer startNew() {
    try {
      RedisServer s = new RedisServer(Files.createTempDirectory("portcullis-redis-"), freePort());
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The connection URI, {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The TCP port, which stays the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** Whether the process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server with SIGKILL (a crash, not a shutdown) and waits for it to be gone. */
  public synchronized void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing redis-server", e);
    }
    process = null;
  }

  /**
   * Freezes the server (SIGSTOP): it keeps its connections but answers nothing, like a Redis stuck
   * in a long command or behind a black-holed network. {@link #resume()} thaws it.
   */
  public synchronized void pause() {
    signal("-STOP");
  }

  /** Thaws a {@link #pause() paused} server (SIGCONT). */
  public synchronized void resume() {
    signal("-CONT");
  }

  private void signal(String sig) {
    Process p = process;
    if (p == null) {
      throw new IllegalStateException("redis-server is not running");
    }
    try {
      int rc = new ProcessBuilder("kill", sig, Long.toString(p.pid())).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException("kill " + sig + " failed with " + rc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts the server again on the same port (after {@link #kill()}); a no-op when it runs. */
  public synchronized void restart() {
    if (!isRunning()) {
      start();
    }
  }

  /** Removes every key (between tests that must start empty). */
  public synchronized void flushAll() {
    command("FLUSHALL");
  }

  /** Kills the server and deletes its directory. */
  public synchronized void stopAndDelete() {
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless; the server is gone either way
    }
  }

  private void start() {
    List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
        "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning",
        "--logfile", dir.resolve("redis.log").toString()));
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + cmd.get(0)
          + " (install the redis-server package or set PORTCULLIS_REDIS_SERVER)", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue()
            + "; see " + dir.resolve("redis.log"));
      }
      try {
        if (command("PING").startsWith("+PONG")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet: try again shortly
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting redis-server", e);
      }
    }
    throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s");
  }

  /** Sends one inline command and returns the first reply line (RESP), for start-up checks only. */
  private String command(String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\n'; ) {
        line.append((char) c);
      }
      return line.toString().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String binary() {
    String env = System.getenv("PORTCULLIS_REDIS_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path debian = Paths.get("/usr/bin/redis-server");
    return Files.isExecutable(debian) ? debian.toString() : "redis-server";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
