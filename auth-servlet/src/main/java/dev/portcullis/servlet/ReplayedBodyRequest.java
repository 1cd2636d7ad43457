package dev.portcullis.servlet;

import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body a scheme already read (Digest {@code auth-int}, RFC 7616 section 3.4.3;
 * OAuth {@code oauth_body_hash}) and whose bytes are replayed, so the application sees the same
 * body through {@code getInputStream()}, {@code getReader()} and, for a form body, the parameter
 * methods (which answer from the query string plus those bytes, as a container would).
 *
 * <p>{@link AuthFilter} and the Jakarta Security mechanism both hand the application this wrapper
 * whenever {@link ServletAuthRequest#bufferedBody()} is not null:
 * <pre>{@code
 * byte[] body = view.bufferedBody();
 * HttpServletRequest seen = body == null ? request : new ReplayedBodyRequest(request, body);
 * }</pre>
 *
 * <p>As with a container's request, only one of {@code getInputStream()} and {@code getReader()}
 * may be used; the other then throws {@link IllegalStateException}. Malformed query or form parts
 * are left out of the parameters, as containers do; the scheme that needed them already answered
 * 400.
 *
 * <p>Not thread-safe, like the request it wraps.
 */
public final class ReplayedBodyRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private @Nullable Map<String, String[]> parameters;
  private boolean streamUsed;
  private boolean readerUsed;

  /**
   * Wraps {@code request} so that {@code body} is read again in its place. The array is not copied:
   * it is the scheme's own buffer, which nothing else writes.
   *
   * @throws NullPointerException if {@code request} or {@code body} is null
   */
  public ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * A fresh stream over the buffered bytes.
   *
   * @throws IllegalStateException if {@link #getReader()} was already called
   */
  @Override
  public ServletInputStream getInputStream() {
    if (readerUsed) {
      throw new IllegalStateException("getReader() was already called");
    }
    streamUsed = true;
    return new Replay(body);
  }

  /**
   * A reader over the buffered bytes in the request's character encoding (UTF-8 when none is set).
   *
   * @throws IllegalStateException if {@link #getInputStream()} was already called
   * @throws UnsupportedEncodingException if the request names a charset the JVM does not know
   */
  @Override
  public BufferedReader getReader() throws UnsupportedEncodingException {
    if (streamUsed) {
      throw new IllegalStateException("getInputStream() was already called");
    }
    readerUsed = true;
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
  }

  @Override
  public @Nullable String getParameter(String name) {
    String[] v = parameters().get(name);
    return v == null ? null : v[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String @Nullable [] getParameterValues(String name) {
    String[] v = parameters().get(name);
    return v == null ? null : v.clone();
  }

  private Charset charset() throws UnsupportedEncodingException {
    String enc = getCharacterEncoding();
    if (enc == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(enc);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnsupportedEncodingException("unsupported request charset");
    }
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      Map<String, List<String>> acc = new LinkedHashMap<>();
      String query = getQueryString();
      add(acc, () -> FormCodec.decode(query));
      if (FormCodec.isForm(getContentType())) {
        add(acc, () -> FormCodec.decode(body));
      }
      Map<String, String[]> out = new LinkedHashMap<>();
      acc.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
      parameters = Collections.unmodifiableMap(out);
    }
    return parameters;
  }

  private static void add(Map<String, List<String>> acc, Supplier<List<Param>> source) {
    List<Param> params;
    try {
      params = source.get();
    } catch (MalformedException e) {
      // Left out, as containers do with broken parts; the scheme that read them already judged.
      return;
    }
    for (Param p : params) {
      acc.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p.value());
    }
  }

  /** The buffered bytes as a servlet stream; always ready, since nothing is left to wait for. */
  private static final class Replay extends ServletInputStream {
    private final byte[] bytes;
    private int pos;

    Replay(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }

    @Override
    public boolean isFinished() {
      return pos >= bytes.length;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      // Every byte is already here: an asynchronous reader gets them all at once.
      try {
        listener.onDataAvailable();
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
