package dev.portcullis.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (15 from Debian's {@code postgresql} package by default) that a test starts in
 * a temporary directory on a free port, with its Unix socket in that directory too, and stops after.
 * It never touches the machine's own cluster or service.
 *
 * <pre>{@code
 * PostgresServer pg = PostgresServer.shared();   // one per JVM, stopped when the JVM exits
 * HikariConfig cfg = new HikariConfig();
 * cfg.setJdbcUrl(pg.jdbcUrl());
 * cfg.setUsername(pg.user());
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then the directory is given to the
 * {@code postgres} user and {@code initdb}/{@code pg_ctl} run through {@code runuser -u postgres --}.
 * The binaries are looked up in {@code $PG_BIN}, else {@code /usr/lib/postgresql/15/bin}, else the
 * newest {@code /usr/lib/postgresql/N/bin}. Authentication is {@code trust} on 127.0.0.1 only;
 * durability is off ({@code fsync=off}), this is a test server. {@link #stop()} and {@link #start()}
 * let a fault test take the database away and bring it back on the same port with the same data.
 * Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String USER = "portcullis";
  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgres;
  private boolean running;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** The JVM-wide server, started on first use and stopped (its directory deleted) at JVM exit. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer s = create();
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-server-stop"));
      shared = s;
    }
    return shared;
  }

  /** A new server of its own (for tests that stop it); close it when done. */
  public static PostgresServer create() {
    try {
      Path bin = binaries();
      Path dir = Files.createTempDirectory("portcullis-pg-");
      boolean root = isRoot();
      PostgresServer s = new PostgresServer(bin, dir, freePort(), root);
      if (root) {
        s.exec(List.of("chown", "-R", "postgres:", dir.toString()), false);
      }
      s.exec(List.of(bin.resolve("initdb").toString(), "-D", s.data.toString(), "-U", USER,
          "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"), root);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server (again) on its port with its data; waits until it accepts connections. */
  public synchronized void start() {
    if (running) {
      return;
    }
    exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c full_page_writes=off -c max_connections=200", "start"), asPostgres);
    running = true;
  }

  /** Stops the server (fast shutdown: open connections are cut), keeping its data for {@link #start()}. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), asPostgres);
    running = false;
  }

  /** Whether the server is running (as far as this object knows). */
  public synchronized boolean running() {
    return running;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** The JDBC URL of database {@code database} (see {@link #createDatabase}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The superuser name (no password: trust authentication on 127.0.0.1). */
  public String user() {
    return USER;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** Creates a database (for a test that wants one of its own). */
  public void createDatabase(String name) {
    exec(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, name),
        false);
  }

  /** Stops the server and deletes its directory. */
  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[127.0.0.1:" + port + ", " + dir + "]";
  }

  private void exec(List<String> command, boolean asPostgresUser) {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    try {
      Path out = Files.createTempFile("pg-cmd-", ".log");
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
          String log = Files.readString(out, StandardCharsets.UTF_8);
          Path serverLog = dir.resolve("log");
          if (Files.isReadable(serverLog)) {
            log += "\n--- server log ---\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
          }
          throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + log);
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  private static Path binaries() throws IOException {
    String env = System.getenv("PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path debian15 = Path.of("/usr/lib/postgresql/15/bin");
    if (Files.isExecutable(debian15.resolve("postgres"))) {
      return debian15;
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("postgres")))
            .max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                Comparator.comparingInt(PostgresServer::versionNumber)))
            .orElse(null);
        if (newest != null) {
          return newest;
        }
      }
    }
    throw new IllegalStateException("PostgreSQL binaries not found: install postgresql (Debian) or set PG_BIN");
  }

  private static int versionNumber(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
