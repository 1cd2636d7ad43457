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
 * Redis script per request). The configurations run side by side and the measured rounds take
 * turns among them, so drift of the machine falls on all alike. Prints req/s per round, the median,
 * and the ratio to the in-memory configuration of the same run; any status other than 200 (and the
 * Digest 401 handshakes) is counted and reported.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.portcullis.bench.e2e.StoreLoad \
 *     samples/demo-server/target/demo-server.jar 10 3 16 15
 * }</pre>
 * (jar, seconds per round, rounds, connections, warm-up seconds per configuration and scheme; each
 * configuration is a fresh JVM, and with less warm-up the rounds still climb as the JIT compiles). The client shares the machine with the server, so
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
    // each configuration is a fresh JVM on both TLS ends: a short warm-up measures the JIT, not the store
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 15;
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
            "--jdbc-user", pg.user(), "--redis", redis.uri()},
        // only when named in storeload.only: the same with Lettuce on the JDK's NIO instead of epoll
        new String[] {"postgres+redis-nio", "--data", work.resolve("pgr").toString(), "--jdbc-url", pg.jdbcUrl(),
            "--jdbc-user", pg.user(), "--redis", redis.uri()});
    // -Dstoreload.only=memory,postgres+redis runs some configurations; -Dstoreload.jvm="-XX:..." adds
    // options to each demo JVM (a flight recording, say)
    String only = System.getProperty("storeload.only", "");
    List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    String extra = System.getProperty("storeload.jvm", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(Arrays.asList(extra.split("\\s+")));
    }
    List<String[]> chosen = new ArrayList<>();
    for (String[] c : configs) {
      if (only.isEmpty() ? !c[0].endsWith("-nio") : Arrays.asList(only.split(",")).contains(c[0])) {
        chosen.add(c);
      }
    }
    String[] schemes = {"bearer", "digest"};
    int n = chosen.size();
    ReadyProcess[] demos = new ReadyProcess[n];
    String[] tokens = new String[n];
    double[][][] rates = new double[n][2][rounds];
    // CPU the server side spent per request served: the demo JVM plus the redis-server and
    // postgres processes (whichever the configuration uses; idle ones add nearly nothing). It does
    // not move with the machine's drift as req/s does, since a slow round also serves less.
    double[][][] cpu = new double[n][2][rounds];
    Counts[][] totals = new Counts[n][2];
    try {
      // every configuration runs at once (idle while another is measured), and the rounds take
      // turns: memory, h2, postgres, postgres+redis, memory, ... so that the machine's drift (a
      // shared VM's steal time moves by 2-3x over minutes) falls on every configuration alike
      for (int i = 0; i < n; i++) {
        String[] c = chosen.get(i);
        List<String> options = new ArrayList<>(jvm);
        if (c[0].endsWith("-nio")) {
          options.add("-Dio.lettuce.core.epoll=false");
        }
        demos[i] = ReadyProcess.start(jar, work, options, Arrays.copyOfRange(c, 1, c.length));
        tokens[i] = mintToken(demos[i].httpsPort());
        for (int s = 0; s < 2; s++) {
          totals[i][s] = run(schemes[s], ports(demos[i]), tokens[i], connections, warmup);
          System.out.printf(Locale.ROOT, "%-15s %-7s warmed up%n", c[0], schemes[s]);
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < 2; s++) {
          for (int i = 0; i < n; i++) {
            long before = serverCpuNanos(demos[i].process());
            Counts k = run(schemes[s], ports(demos[i]), tokens[i], connections, seconds);
            long spent = serverCpuNanos(demos[i].process()) - before;
            rates[i][s][r] = k.ok.sum() / (double) seconds;
            cpu[i][s][r] = spent / 1_000.0 / Math.max(1, k.ok.sum() + k.handshakes.sum());
            totals[i][s].add(k);
            System.out.printf(Locale.ROOT, "%-15s %-7s round %d: %,.0f req/s, server CPU %.0f µs/request%n",
                chosen.get(i)[0], schemes[s], r + 1, rates[i][s][r], cpu[i][s][r]);
          }
        }
      }
    } finally {
      for (ReadyProcess d : demos) {
        if (d != null) {
          d.close();
        }
      }
      redis.stopAndDelete();
      pg.close();
    }
    List<String> table = new ArrayList<>();
    int m = -1;
    for (int i = 0; i < n; i++) {
      if (chosen.get(i)[0].equals("memory")) {
        m = i;
      }
    }
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < n; i++) {
        // the ratio of each round to memory's round just before it, then their median: the pairs
        // share the machine's state, which the medians of whole columns do not
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratios[r] = m < 0 ? Double.NaN : rates[i][s][r] / rates[m][s][r];
        }
        Counts all = totals[i][s];
        table.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.0f | %d | %d | %d |", chosen.get(i)[0],
            schemes[s], median(rates[i][s]), median(ratios), median(cpu[i][s]), all.handshakes.sum(), all.other.sum(),
            all.errors.sum()));
      }
    }
    System.out.printf(Locale.ROOT, "%n%d connections, %d s warm-up, %d rounds of %d s, median req/s%n%n", connections,
        warmup, rounds, seconds);
    // the counts include the warm-up's requests
    System.out.println("| store | scheme | req/s (median) | vs memory (median of the rounds' ratios)"
        + " | server CPU µs/request (median) | Digest 401 handshakes | other non-2xx | I/O errors |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    table.forEach(System.out::println);
  }

  /** CPU time so far of the demo process and of every redis-server and postgres process. */
  private static long serverCpuNanos(Process demo) {
    long total = demo.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
      String command = p.info().command().orElse("");
      if (command.endsWith("/redis-server") || command.endsWith("/postgres")) {
        total += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
      }
    }
    return total;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static int[] ports(ReadyProcess demo) {
    return new int[] {demo.httpPort(), demo.httpsPort()};
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
