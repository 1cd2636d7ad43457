package dev.portcullis.bench.e2e;

import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.ReadyProcess;
import dev.portcullis.testing.TrustAllTls;
import dev.portcullis.testing.servers.PostgresServer;
import dev.portcullis.testing.servers.RedisServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end, per store: the demo jar started once per configuration ({@code --store memory}, the
 * H2 default, {@code --jdbc-url} PostgreSQL, PostgreSQL with {@code --redis}) as its own process,
 * then driven by closed-loop keep-alive clients over raw sockets: Bearer GETs of
 * {@code /v2/items} over TLS with a token made through {@code POST /v1/tokens} (the token store, behind
 * the read cache when the store is shared), and Digest SHA-256 GETs of the contacts API over plain
 * HTTP with one server nonce per connection and a rising nc (the nc window: in memory, or one
 * Redis script per request). Prints req/s per round, the median, and the ratio to the in-memory
 * configuration of the same run; any status other than 200 (and the Digest 401 handshakes) is
 * counted and reported.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.portcullis.bench.e2e.StoreLoad \
 *     samples/demo-server/target/demo-server.jar 10 3 16
 * }</pre>
 * (jar, seconds per round, rounds, connections). The client shares the machine with the server, so
 * the ratios, not the absolute rates, are the result.
 */
public final class StoreLoad {
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String CONTACTS = "/ws/customers/ctct_customer/contacts";
  private static final String DIGEST_USER = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b%ctct_customer";
  private static final String ITEMS = "/v2/items?key=key_demo_index";

  private StoreLoad() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    PostgresServer pg = PostgresServer.create();
    RedisServer redis = RedisServer.startNew();
    Path work = Files.createTempDirectory("portcullis-storeload-");
    for (String dir : List.of("h2", "pg", "pgr")) {
      Files.createDirectories(work.resolve(dir));
    }
    List<String[]> configs = List.of(
        new String[] {"memory", "--store", "memory"},
        new String[] {"h2", "--data", work.resolve("h2").toString()},
        new String[] {"postgres", "--data", work.resolve("pg").toString(), "--jdbc-url", pg.jdbcUrl(),
            "--jdbc-user", pg.user()},
        new String[] {"postgres+redis", "--data", work.resolve("pgr").toString(), "--jdbc-url", pg.jdbcUrl(),
            "--jdbc-user", pg.user(), "--redis", redis.uri()});
    List<String> table = new ArrayList<>();
    double[] memory = new double[2];
    try {
      for (String[] c : configs) {
        try (ReadyProcess demo = ReadyProcess.start(jar, work, List.of("-Xms1g", "-Xmx1g"),
            Arrays.copyOfRange(c, 1, c.length))) {
          int[] ports = {demo.httpPort(), demo.httpsPort()};
          String token = mintToken(ports[1]);
          String[] schemes = {"bearer", "digest"};
          for (int s = 0; s < 2; s++) {
            Counts warm = run(schemes[s], ports, token, connections, Math.max(3, seconds / 2));
            double[] rates = new double[rounds];
            Counts all = new Counts();
            for (int r = 0; r < rounds; r++) {
              Counts k = run(schemes[s], ports, token, connections, seconds);
              rates[r] = k.ok.sum() / (double) seconds;
              all.add(k);
              System.out.printf(Locale.ROOT, "%-15s %-7s round %d: %,.0f req/s%n", c[0], schemes[s], r + 1, rates[r]);
            }
            Arrays.sort(rates);
            double median = rates[rounds / 2];
            if (c[0].equals("memory")) {
              memory[s] = median;
            }
            table.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %d | %d | %d |", c[0], schemes[s], median,
                median / memory[s], all.handshakes.sum(), all.other.sum() + warm.other.sum(),
                all.errors.sum() + warm.errors.sum()));
          }
        }
      }
    } finally {
      redis.stopAndDelete();
      pg.close();
    }
    System.out.printf(Locale.ROOT, "%n%d connections, %d rounds of %d s, median req/s%n%n", connections, rounds, seconds);
    System.out.println("| store | scheme | req/s | vs memory | Digest 401 handshakes | other non-2xx | I/O errors |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    table.forEach(System.out::println);
  }

  private static String mintToken(int httpsPort) throws IOException {
    String body = "{\"name\": \"load\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\","
        + " \"resources\": [\"key_demo_index\"]}]}";
    try (Conn c = new Conn(httpsPort, true)) {
      Response r = c.send("POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
          + Base64.getEncoder().encodeToString("demo_api_token:".getBytes(StandardCharsets.UTF_8))
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      Matcher m = TOKEN.matcher(r.body);
      if (r.status != 201 || !m.find()) {
        throw new IllegalStateException("POST /v1/tokens answered " + r.status);
      }
      return m.group(1);
    }
  }

  /** Counts of one timed run. */
  static final class Counts {
    final LongAdder ok = new LongAdder();
    final LongAdder handshakes = new LongAdder();
    final LongAdder other = new LongAdder();
    final LongAdder errors = new LongAdder();

    void add(Counts k) {
      ok.add(k.ok.sum());
      handshakes.add(k.handshakes.sum());
      other.add(k.other.sum());
      errors.add(k.errors.sum());
    }
  }

  private static Counts run(String scheme, int[] ports, String token, int connections, int seconds)
      throws InterruptedException {
    Counts counts = new Counts();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          try (Conn c = scheme.equals("bearer") ? new Conn(ports[1], true) : new Conn(ports[0], false)) {
            if (scheme.equals("bearer")) {
              bearer(c, token, running, counts);
            } else {
              digest(c, running, counts);
            }
          } catch (IOException | RuntimeException e) {
            counts.errors.increment();
          }
        }
      });
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    running.set(false);
    for (Thread t : threads) {
      t.join(10_000);
    }
    return counts;
  }

  private static void bearer(Conn c, String token, AtomicBoolean running, Counts counts) throws IOException {
    String req = "GET " + ITEMS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    while (running.get()) {
      count(c.send(req).status, counts);
    }
  }

  private static void digest(Conn c, AtomicBoolean running, Counts counts) throws IOException {
    String nonce = null;
    int nc = 0;
    while (running.get()) {
      if (nonce == null) {
        Response r = c.send("GET " + CONTACTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        if (r.status != 401) {
          counts.other.increment();
          continue;
        }
        counts.handshakes.increment();
        nonce = DigestCrafter.challenge(r.wwwAuthenticate, "SHA-256").get("nonce");
        nc = 0;
      }
      nc++;
      String auth = DigestCrafter.authorization("GET", CONTACTS, DIGEST_USER, "mypassword", "contacts", "SHA-256",
          nonce, String.format(Locale.ROOT, "%08x", nc), "auth", new byte[0]);
      Response r = c.send("GET " + CONTACTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth + "\r\n\r\n");
      if (r.status == 401) {
        counts.handshakes.increment(); // a stale nonce: take the new challenge
        nonce = DigestCrafter.challenge(r.wwwAuthenticate, "SHA-256").get("nonce");
        nc = 0;
      } else {
        count(r.status, counts);
      }
    }
  }

  private static void count(int status, Counts counts) {
    if (status == 200) {
      counts.ok.increment();
    } else {
      counts.other.increment();
    }
  }

  /** One response: status, the challenges, the body. */
  record Response(int status, List<String> wwwAuthenticate, String body) {}

  /** One keep-alive connection, plain or TLS (trusting the demo's self-signed certificate). */
  static final class Conn implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Conn(int port, boolean tls) throws IOException {
      socket = tls ? TrustAllTls.context().getSocketFactory().createSocket("127.0.0.1", port)
          : new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(20_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16_384);
    }

    Response send(String request) throws IOException {
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      int length = 0;
      boolean chunked = false;
      List<String> challenges = new ArrayList<>(3);
      for (String h; !(h = line()).isEmpty(); ) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
          chunked = true;
        } else if (name.equalsIgnoreCase("WWW-Authenticate")) {
          challenges.add(value);
        }
      }
      StringBuilder body = new StringBuilder();
      if (chunked) {
        for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
          body.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
          line();
        }
        line();
      } else {
        body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      }
      return new Response(code, challenges, body.toString());
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
