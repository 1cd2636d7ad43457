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
    @Nullable String redis) {

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
  }

  /** A builder with the defaults of the command line: 127.0.0.1, ports 8080 and 8443. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    // the key store password stays out of logs
    return "DemoSettings[host=" + host + ", httpPort=" + httpPort + ", httpsPort=" + httpsPort
        + ", keystore=" + keystore + ", trustedProxies=" + trustedProxies + ", adminPort=" + adminPort
        + ", redis=" + (redis == null ? "none" : "set") + "]"; // a Redis URI may carry a password
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

    private Builder() {}

    /** Serves {@code /metrics} on this loopback-only port (0 for a free one); -1, the default, for none. */
    public Builder adminPort(int adminPort) {
      this.adminPort = adminPort;
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
          adminPort, redis);
    }
  }
}
