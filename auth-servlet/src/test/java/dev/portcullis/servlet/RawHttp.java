package dev.portcullis.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-written HTTP/1.1 bytes, for requests a well-behaved client refuses to build (bad
 * percent-encoding, raw non-UTF-8 bytes), and returns the whole response as ISO-8859-1 text.
 */
final class RawHttp {
  private RawHttp() {}

  static String exchange(URI base, String request) throws IOException {
    return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String exchange(URI base, byte[] request) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
