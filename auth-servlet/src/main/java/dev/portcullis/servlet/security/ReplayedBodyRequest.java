package dev.portcullis.servlet.security;

import dev.portcullis.core.http.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
 * Replays a body that a scheme already read (Digest {@code auth-int}, OAuth
 * {@code oauth_body_hash}), so the application sees the same bytes through the stream, the reader
 * and, for a form body, the parameters.
 *
 * <p>Not thread-safe, like the request it wraps.
 */
final class ReplayedBodyRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private @Nullable Map<String, String[]> parameters;
  private boolean streamUsed;
  private boolean readerUsed;

  ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = Objects.requireNonNull(body, "body");
  }

  @Override
  public ServletInputStream getInputStream() {
    if (readerUsed) {
      throw new IllegalStateException("getReader() was already called");
    }
    streamUsed = true;
    return new Replay(body);
  }

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
      throw new IllegalStateException("the body was already read; it is replayed synchronously");
    }
  }
}
