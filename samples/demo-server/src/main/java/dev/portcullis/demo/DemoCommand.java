package dev.portcullis.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code demo-server} command line: parses the options of shared/spec/demo-api.md, starts a
 * {@link DemoServer}, prints {@code READY http=<port> https=<port>} and the demo credentials to
 * standard output, and runs until SIGTERM or Ctrl-C, which stops the server gracefully and prints
 * {@code STOPPED}.
 *
 * <pre>{@code
 * java -jar demo-server.jar --http-port 0 --https-port 0
 * }</pre>
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "demo-server",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Runs the Portcullis demo APIs (catalog, contacts, email lists) on one embedded Jetty.",
        "Prints 'READY http=<port> https=<port>' once both connectors accept connections."
    })
final class DemoCommand implements Callable<Integer> {
  /** The environment variable read when {@code --jdbc-user} is absent. */
  static final String JDBC_USER_ENV = "PORTCULLIS_JDBC_USER";
  /** The environment variable read when {@code --jdbc-password} is absent. */
  static final String JDBC_PASSWORD_ENV = "PORTCULLIS_JDBC_PASSWORD";

  @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080",
      description = "Plain-HTTP port; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--https-port", paramLabel = "N", defaultValue = "8443",
      description = "HTTPS port; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int httpsPort;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address both connectors bind to (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "PKCS12 key store with the server's key and certificate; "
          + "without it a self-signed certificate is generated at start-up.")
  @Nullable Path keystore;

  @Option(names = "--keystore-password", paramLabel = "PW",
      description = "Password of the key store and its key entry.")
  @Nullable String keystorePassword;

  @Option(names = "--trusted-proxy", paramLabel = "ADDR_OR_CIDR",
      description = "A reverse proxy whose Forwarded / X-Forwarded-* headers count; repeatable.")
  List<String> trustedProxies = new ArrayList<>();

  @Option(names = "--admin-port", paramLabel = "N", defaultValue = "-1",
      description = "Loopback-only port serving security metrics (Prometheus text) at /metrics; "
          + "0 picks a free port; off unless given.")
  int adminPort;

  @Option(names = "--redis", paramLabel = "URL",
      description = "A Redis (redis://host:6379) shared by every node for nonces, nonce counts, "
          + "OAuth request tokens and token revocations; without it they stay in this process.")
  @Nullable String redis;

  @Option(names = "--store", paramLabel = "KIND",
      description = "h2 (default: an H2 database in --data, kept across restarts) or memory (lost on stop)."
          + " --jdbc-url selects a shared database instead.")
  @Nullable String store;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "portcullis-data",
      description = "Data directory: the H2 database and the keys made on first start (default: ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "A shared database (PostgreSQL 15+), e.g. jdbc:postgresql://db:5432/portcullis.")
  @Nullable String jdbcUrl;

  @Option(names = "--jdbc-user", paramLabel = "USER",
      description = "Database user (or env " + JDBC_USER_ENV + ").")
  @Nullable String jdbcUser;

  @Option(names = "--jdbc-password", paramLabel = "PW",
      description = "Database password (better: env " + JDBC_PASSWORD_ENV + ", which no process list shows).")
  @Nullable String jdbcPassword;

  @Option(names = "--node-name", paramLabel = "NAME", defaultValue = "node",
      description = "This node's name in log lines (default: ${DEFAULT-VALUE}).")
  String nodeName;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  /** A command line whose errors are one line on standard error, never a stack trace. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DemoCommand());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("demo-server: " + describe(ex));
      commandLine.getErr().flush();
      return 1;
    });
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    if (keystore != null && keystorePassword == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--keystore needs --keystore-password");
    }
    DemoSettings.Builder b = DemoSettings.builder()
        .host(host)
        .httpPort(httpPort)
        .httpsPort(httpsPort)
        .keystore(keystore, keystorePassword)
        .adminPort(adminPort)
        .redis(redis);
    trustedProxies.forEach(b::trustedProxy);
    b.dataDir(dataDir).nodeName(nodeName).store(storeKind());
    if (jdbcUrl != null) {
      b.jdbc(jdbcUrl, jdbcUser != null ? jdbcUser : System.getenv(JDBC_USER_ENV),
          jdbcPassword != null ? jdbcPassword : System.getenv(JDBC_PASSWORD_ENV));
    }
    DemoServer server = DemoServer.start(b.build());

    PrintWriter out = spec.commandLine().getOut();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
        out.println("STOPPED");
      } catch (Exception e) {
        out.println("STOPPED with an error: " + describe(e));
      }
      out.flush();
    }, "demo-server-shutdown"));

    out.println("READY http=" + server.httpPort() + " https=" + server.httpsPort());
    if (server.adminPort() >= 0) {
      out.println("METRICS http://127.0.0.1:" + server.adminPort() + "/metrics");
    }
    for (DemoApi api : server.apis()) {
      for (String line : api.credentialsHelp()) {
        out.println(line);
      }
    }
    out.flush();
    server.join();
    return 0;
  }

  private DemoSettings.Store storeKind() {
    if (jdbcUrl != null) {
      if (store != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--jdbc-url cannot be combined with --store");
      }
      return DemoSettings.Store.JDBC;
    }
    if (store == null || store.equals("h2")) {
      return DemoSettings.Store.H2;
    }
    if (store.equals("memory")) {
      return DemoSettings.Store.MEMORY;
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "--store must be h2 or memory");
  }

  private static String describe(Throwable e) {
    // the innermost message names the real problem (a port in use, a wrong key store password)
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
