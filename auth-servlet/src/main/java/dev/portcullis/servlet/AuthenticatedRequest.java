package dev.portcullis.servlet;

import dev.portcullis.core.Identity;
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
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request the application sees after authentication: the principal, auth type and roles come
 * from the {@link Identity}, and a body that a scheme already buffered is replayed.
 *
 * <p>When no scheme read the body, stream and parameters are the container's own. When one did,
 * {@code getInputStream()}/{@code getReader()} replay the bytes and the parameter methods answer
 * from the query string plus, for a form body, those bytes.
 *
 * <p>Not thread-safe, like the request it wraps.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
  private final Identity identity;
  private final Principal principal;
  private final byte @Nullable [] body;
  private @Nullable Map<String, String[]> parameters;
  private boolean streamUsed;
  private boolean readerUsed;

  AuthenticatedRequest(HttpServletRequest request, Identity identity, byte @Nullable [] body) {
    super(request);
    this.identity = identity;
    this.principal = new IdentityPrincipal(identity.subject());
    this.body = body;
    request.setAttribute(AuthFilter.IDENTITY_ATTRIBUTE, identity);
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return identity.subject();
  }

  @Override
  public String getAuthType() {
    return authType(identity.scheme());
  }

  static String authType(String scheme) {
    if (scheme.equalsIgnoreCase("Basic")) {
      return HttpServletRequest.BASIC_AUTH;
    }
    if (scheme.equalsIgnoreCase("Digest")) {
      return HttpServletRequest.DIGEST_AUTH;
    }
    return scheme;
  }

  @Override
  public boolean isUserInRole(String role) {
    return role != null && identity.hasRole(role);
  }

  @Override
  public ServletInputStream getInputStream() throws java.io.IOException {
    if (body == null) {
      return super.getInputStream();
    }
    if (readerUsed) {
      throw new IllegalStateException("getReader() was already called");
    }
    streamUsed = true;
    return new ReplayStream(body);
  }

  @Override
  public BufferedReader getReader() throws java.io.IOException {
    if (body == null) {
      return super.getReader();
    }
    if (streamUsed) {
      throw new IllegalStateException("getInputStream() was already called");
    }
    readerUsed = true;
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
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

  @Override
  public @Nullable String getParameter(String name) {
    if (body == null) {
      return super.getParameter(name);
    }
    String[] v = parameters().get(name);
    return v == null ? null : v[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return body == null ? super.getParameterMap() : parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return body == null ? super.getParameterNames() : Collections.enumeration(parameters().keySet());
  }

  @Override
  public String @Nullable [] getParameterValues(String name) {
    if (body == null) {
      return super.getParameterValues(name);
    }
    String[] v = parameters().get(name);
    return v == null ? null : v.clone();
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      Map<String, List<String>> acc = new LinkedHashMap<>();
      // Malformed parts are left out, as containers do; the scheme that needed them already said 400.
      add(acc, () -> FormCodec.decode(getQueryString()));
      if (FormCodec.isForm(getContentType()) && body != null) {
        byte[] b = body;
        add(acc, () -> FormCodec.decode(b));
      }
      Map<String, String[]> out = new LinkedHashMap<>();
      acc.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
      parameters = Collections.unmodifiableMap(out);
    }
    return parameters;
  }

  private static void add(Map<String, List<String>> acc, java.util.function.Supplier<List<Param>> source) {
    List<Param> params;
    try {
      params = source.get();
    } catch (MalformedException e) {
      return;
    }
    for (Param p : params) {
      acc.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p.value());
    }
  }

  /** The principal handed to the application; its name is the identity's subject. */
  private record IdentityPrincipal(String getName) implements Principal {
    @Override
    public String toString() {
      return getName;
    }
  }

  private static final class ReplayStream extends ServletInputStream {
    private final byte[] bytes;
    private int pos;

    ReplayStream(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
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
      try {
        listener.onDataAvailable();
        listener.onAllDataRead();
      } catch (java.io.IOException e) {
        listener.onError(e);
      }
    }
  }
}
