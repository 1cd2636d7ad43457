package dev.portcullis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket bound to a chosen loopback source address ({@code 127.0.0.2}, ...),
 * so a test can be a client at another address than the JDK client's {@code 127.0.0.1}, which the
 * JDK's HttpClient cannot choose (Linux routes all of 127/8 to the loopback). One request per
 * connection ({@code Connection: close}); the response is read to the end of the stream, so only
 * for servers that answer with a {@code Content-Length} or close. Keeps the cookies the server
 * sets, as a browser would, and sends them back to any path.
 *
 * <pre>{@code
 * RawClient attacker = new RawClient("127.0.0.2");
 * RawClient.Response r = attacker.post(uri, Map.of(), Map.of("username", "u1", "password", "p"));
 * }</pre>
 *
 * <p>Not thread-safe: one instance is one client with its own cookies.
 */
public final class RawClient {
  /**
   * One response.
   *
   * @param status the status code
   * @param headers the headers by lower-case name, values in order
   * @param body the body, decoded as UTF-8
   */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    /** The first value of header {@code name}, or null. */
    public @Nullable String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(0);
    }
  }

  private final InetAddress local;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** A client whose connections come from {@code localAddress} (a loopback address such as 127.0.0.2). */
  public RawClient(String localAddress) throws IOException {
    this.local = InetAddress.getByName(localAddress);
  }

  /** Sets a cookie by hand, as an attacker who tossed one would have it in the victim's browser. */
  public void cookie(String name, String value) {
    cookies.put(name, value);
  }

  /** The cookies held, by name (mutable: the test may plant or remove one). */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** GETs {@code uri} with extra {@code headers} and the held cookies. */
  public Response get(URI uri, Map<String, String> headers) throws IOException {
    return send("GET", uri, headers, null);
  }

  /** POSTs {@code form} form-encoded, in its iteration order, with extra {@code headers} and the held cookies. */
  public Response post(URI uri, Map<String, String> headers, Map<String, String> form) throws IOException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send("POST", uri, headers, body.toString());
  }

  private Response send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(local, 0));
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      if (!cookies.isEmpty()) {
        StringBuilder c = new StringBuilder();
        cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        req.append("Cookie: ").append(c).append("\r\n");
      }
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        req.append("Content-Type: application/x-www-form-urlencoded\r\n")
            .append("Content-Length: ").append(payload.length).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      return parse(s.getInputStream());
    }
  }

  private Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      if (name.equals("set-cookie")) {
        String pair = value.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new Response(status, headers, text.substring(end + 4));
  }

  /**
   * Writes {@code request} byte for byte (ISO-8859-1, so a test can send what no client library
   * would: an absolute-form target, a bare CR) to {@code 127.0.0.1:port} and returns everything the
   * server answers until it closes. For requests that say {@code Connection: close}.
   */
  public static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return exchange(s, request);
    }
  }

  /** {@link #exchange(int, String)} over TLS, trusting any certificate (the test servers' are self-signed). */
  public static String exchangeTls(int port, String request) throws IOException {
    try (SSLSocket s = (SSLSocket) TrustAllTls.context().getSocketFactory()
        .createSocket("127.0.0.1", port)) {
      s.startHandshake();
      return exchange(s, request);
    }
  }

  private static String exchange(Socket s, String request) throws IOException {
    // long enough for a slow container (GlassFish on a loaded machine); a server that never closes fails the read
    s.setSoTimeout(20_000);
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    for (int n; (n = in.read(b)) > 0; ) {
      buf.write(b, 0, n);
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }
}
