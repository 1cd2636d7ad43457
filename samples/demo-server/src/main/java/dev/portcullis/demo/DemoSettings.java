package dev.portcullis.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run a {@link DemoServer}: addresses, ports, TLS material, trusted proxies and the clock.
 *
 * <pre>{@code
 * DemoSettings settings = DemoSettings.builder().httpPort(0).httpsPort(0).build();
 * try (DemoServer server = DemoServer.start(settings)) {
 *   int port = server.httpsPort();
 * }
 * }</pre>
 *
 * @param host the address both connectors bind to
 * @param httpPort the plain-HTTP port; 0 picks a free one
 * @param httpsPort the HTTPS port; 0 picks a free one
 * @param keystore a PKCS12 key store holding the server's key and certificate; null to generate a
 *     self-signed certificate at start-up
 * @param keystorePassword the key store's password (also used for the key entry); required with a
 *     key store
 * @param trustedProxies addresses or CIDR blocks whose {@code Forwarded} / {@code X-Forwarded-*}
 *     headers count
 * @param clock the time source handed to every API (tests pass a clock they can move)
 * @param adminPort the loopback-only admin port serving {@code /metrics}; 0 picks a free one, -1
 *     (the default) means none
 * @param redis a Redis URI every node shares for replay state, request tokens and revocations;
 *     null keeps them in this process
 * @param store where tokens, credentials and consumers live (see {@link Store})
 * @param dataDir the data directory: the H2 database and, unless the environment supplies them, the
 *     shared keys ({@link DemoKeys})
 * @param jdbcUrl the database of {@link Store#JDBC} (PostgreSQL 15+); null otherwise
 * @param jdbcUser its user, or null
 * @param jdbcPassword its password, or null; never shown by {@code toString}
 * @param nodeName this node's name in log lines and thread names
 * @param keys the shared key rings; null (the default) reads them as {@link DemoKeys} says, from
 *     the environment or the data directory
 */
public record DemoSettings(
    String host,
    int httpPort,
    int httpsPort,
    @Nullable Path keystore,
    @Nullable String keystorePassword,
    List<String> trustedProxies,
    Clock clock,
    int adminPort,
    @Nullable String redis,
    Store store,
    Path dataDir,
    @Nullable String jdbcUrl,
    @Nullable String jdbcUser,
    @Nullable String jdbcPassword,
    String nodeName,
    @Nullable DemoKeys keys) {

  /** The data directory the command line uses unless {@code --data} says otherwise. */
  public static final Path DEFAULT_DATA_DIR = Path.of("portcullis-data");

  /** Where the demo keeps its state. */
  public enum Store {
    /** In memory: a throwaway run, everything lost on stop. */
    MEMORY,
    /** An embedded H2 file database in the data directory: a restart loses nothing. */
    H2,
    /** A database named by a JDBC URL (PostgreSQL), shared by every node that names it. */
    JDBC
  }

  public DemoSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clock, "clock");
    checkPort(httpPort, "httpPort");
    checkPort(httpsPort, "httpsPort");
    if (keystore != null && keystorePassword == null) {
      throw new IllegalArgumentException("a key store needs --keystore-password");
    }
    trustedProxies = List.copyOf(trustedProxies);
    if (adminPort != -1) {
      checkPort(adminPort, "adminPort");
    }
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeName, "nodeName");
    if (store == Store.JDBC && (jdbcUrl == null || jdbcUrl.isBlank())) {
      throw new IllegalArgumentException("a JDBC store needs --jdbc-url");
    }
    if (store != Store.JDBC && jdbcUrl != null) {
      throw new IllegalArgumentException("--jdbc-url cannot be combined with --store " + store.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!nodeName.matches("[A-Za-z0-9._-]{1,40}")) {
      throw new IllegalArgumentException("--node-name must be 1 to 40 letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * A builder with the command line's defaults (127.0.0.1, ports 8080 and 8443) except the store,
   * which is {@link Store#MEMORY} here so that an embedding test leaves nothing behind; the command
   * line defaults to {@link Store#H2} in {@link #DEFAULT_DATA_DIR}.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    // the key store password stays out of logs
    return "DemoSettings[host=" + host + ", httpPort=" + httpPort + ", httpsPort=" + httpsPort
        + ", keystore=" + keystore + ", trustedProxies=" + trustedProxies + ", adminPort=" + adminPort
        + ", redis=" + (redis == null ? "none" : "set") // a Redis URI may carry a password
        + ", store=" + store
        + ", dataDir=" + dataDir + ", jdbcUrl=" + (jdbcUrl == null ? null : jdbcUrl.replaceAll("\\?.*", "?..."))
        + ", nodeName=" + nodeName + ", keys=" + (keys == null ? "from environment or data" : keys) + "]";
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535");
    }
  }

  /** Builds {@link DemoSettings}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int httpPort = 8080;
    private int httpsPort = 8443;
    private @Nullable Path keystore;
    private @Nullable String keystorePassword;
    private final List<String> trustedProxies = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private int adminPort = -1;
    private @Nullable String redis;
    private Store store = Store.MEMORY;
    private Path dataDir = DEFAULT_DATA_DIR;
    private @Nullable String jdbcUrl;
    private @Nullable String jdbcUser;
    private @Nullable String jdbcPassword;
    private String nodeName = "node";
    private @Nullable DemoKeys keys;

    private Builder() {}

    /** Uses these key rings instead of reading them from the environment or the data directory. */
    public Builder keys(DemoKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** Serves {@code /metrics} on this loopback-only port (0 for a free one); -1, the default, for none. */
    public Builder adminPort(int adminPort) {
      this.adminPort = adminPort;
      return this;
    }

    /** Where state lives (default {@link Store#MEMORY} in this builder). */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The data directory (default {@code ./portcullis-data}). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The JDBC database of {@link Store#JDBC}, with its user and password (either may be null). */
    public Builder jdbc(String url, @Nullable String user, @Nullable String password) {
      this.jdbcUrl = Objects.requireNonNull(url, "url");
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    /** This node's name in log lines (default {@code node}). */
    public Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder httpPort(int httpPort) {
      this.httpPort = httpPort;
      return this;
    }

    public Builder httpsPort(int httpsPort) {
      this.httpsPort = httpsPort;
      return this;
    }

    /** Uses this PKCS12 key store instead of a generated self-signed certificate. */
    public Builder keystore(@Nullable Path keystore, @Nullable String password) {
      this.keystore = keystore;
      this.keystorePassword = password;
      return this;
    }

    /** Trusts forwarding headers from this address or CIDR block; may be called repeatedly. */
    public Builder trustedProxy(String addressOrCidr) {
      trustedProxies.add(Objects.requireNonNull(addressOrCidr, "addressOrCidr"));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Shares replay state, request tokens and revocations through this Redis; null for none. */
    public Builder redis(@Nullable String uri) {
      this.redis = uri;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException for a port out of range or a key store without a password
     */
    public DemoSettings build() {
      return new DemoSettings(host, httpPort, httpsPort, keystore, keystorePassword, trustedProxies, clock,
          adminPort, redis, store, dataDir, jdbcUrl, jdbcUser, jdbcPassword, nodeName, keys);
    }
  }
}
