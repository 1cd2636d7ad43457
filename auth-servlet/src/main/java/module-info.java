/**
 * Portcullis for Jakarta Servlet 6: {@code AuthFilter}, the OAuth 1.0a provider endpoints and, for
 * Jakarta EE containers, a Jakarta Security {@code HttpAuthenticationMechanism}.
 *
 * <p>Public API in each exported package is listed in docs/public-api.md.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.servlet {
  requires static org.jspecify;
  // Our API hands out and takes core types (Gate, Identity, Scheme, the stores).
  requires transitive dev.portcullis.core;
  // AuthFilter implements Filter, OAuthEndpointsServlet extends HttpServlet: part of our API.
  requires transitive jakarta.servlet;
  // Only dev.portcullis.servlet.security uses it, and only EE containers supply it: a plain servlet
  // application never loads that package, so the module must not be required at run time.
  requires static transitive jakarta.security;
  requires org.slf4j;

  exports dev.portcullis.servlet;
  exports dev.portcullis.servlet.oauth;
  exports dev.portcullis.servlet.security;
}
