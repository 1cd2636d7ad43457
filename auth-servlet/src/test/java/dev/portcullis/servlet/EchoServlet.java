package dev.portcullis.servlet;

import dev.portcullis.core.Identity;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.security.Principal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers every request with what the application sees: principal, auth type, roles, the identity
 * attribute, the parameters and the body it read (through the reader, or the stream with
 * {@code ?via=stream}).
 */
final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    StringBuilder sb = new StringBuilder();
    Principal p = req.getUserPrincipal();
    sb.append("principal=").append(p == null ? "-" : p.getName()).append('\n');
    sb.append("remoteUser=").append(req.getRemoteUser()).append('\n');
    sb.append("authType=").append(req.getAuthType()).append('\n');
    sb.append("role.admin=").append(req.isUserInRole("admin")).append('\n');
    sb.append("role.reader=").append(req.isUserInRole("reader")).append('\n');
    Object id = req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    sb.append("identity=").append(id instanceof Identity i ? i.subject() + "/" + i.scheme() : "-").append('\n');
    Map<String, String> params = new TreeMap<>();
    // Parameters first: for a form body the container would read the stream here.
    if (!"stream".equals(req.getHeader("X-Echo-Read")) && !"reader".equals(req.getHeader("X-Echo-Read"))) {
      req.getParameterMap().forEach((k, v) -> params.put(k, String.join("|", v)));
      sb.append("params=").append(params).append('\n');
    }
    String body;
    if ("stream".equals(req.getHeader("X-Echo-Read"))) {
      body = new String(req.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } else {
      StringBuilder b = new StringBuilder();
      try (Reader r = req.getReader()) {
        char[] buf = new char[512];
        for (int n; (n = r.read(buf)) > 0; ) {
          b.append(buf, 0, n);
        }
      }
      body = b.toString();
    }
    sb.append("body=").append(body).append('\n');
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write(sb.toString());
  }
}
