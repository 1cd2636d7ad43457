package dev.portcullis.demo;

import dev.portcullis.jaxrs.RemoteAddressResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Puts the connection's peer address on the request as {@link RemoteAddressResolver#PROPERTY}, where
 * the JAX-RS adapter reads it to decide whether forwarding headers come from a trusted proxy (the
 * JAX-RS API itself does not expose the peer).
 *
 * <p>Thread-safe (stateless).
 */
public final class RemoteAddressFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.setAttribute(RemoteAddressResolver.PROPERTY, request.getRemoteAddr());
    request.setAttribute(RemoteAddressResolver.PROTOCOL_PROPERTY, request.getProtocol());
    chain.doFilter(request, response);
  }
}
