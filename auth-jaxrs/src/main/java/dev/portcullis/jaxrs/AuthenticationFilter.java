package dev.portcullis.jaxrs;

import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.internal.RedactedFailure;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.Refusal;
import dev.portcullis.core.spi.StoreUnavailableException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Gate} on a request: on success installs a {@link PortcullisSecurityContext} and
 * remembers the scheme's response headers (Digest's {@code Authentication-Info}) for the response,
 * which also gets {@link AdapterOptions#cacheControl()} unless the resource set its own; otherwise
 * aborts with the gate's refusal. A request URI that contradicts the connection gets 400 first. Thread-safe: one instance serves every request of a
 * resource method.
 */
final class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** Request property holding the scheme's response headers until the response is written. */
  static final String RESPONSE_HEADERS = "dev.portcullis.jaxrs.responseHeaders";

  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

  private final Gate gate;
  private final AdapterOptions options;
  private final RemoteAddressResolver addresses;

  AuthenticationFilter(Gate gate, AdapterOptions options, RemoteAddressResolver addresses) {
    this.gate = gate;
    this.options = options;
    this.addresses = addresses;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    JaxrsAuthRequest view = new JaxrsAuthRequest(request, options, addresses);
    if (view.conflict() != null) {
      LOG.debug("refused {} {}: request target contradicts the connection", request.getMethod(),
          view.rawPath());
      Denials.abort(request, Denials.response(view.conflictDenial()), options.swallowLimit());
      return;
    }
    Outcome outcome;
    try {
      outcome = gate.authenticate(view);
    } catch (StoreUnavailableException e) {
      // Fail closed; the store's message stays in the log, the client learns only "try later".
      LOG.warn("authentication store unavailable: {}", e.getMessage());
      outcome = new Outcome.Rejected(Reason.UNAVAILABLE, null);
    } catch (RuntimeException e) {
      // The one failure policy: the stack trace (messages withheld) server-side, a bare 500 to the client.
      LOG.error("authentication failed unexpectedly on {} {}", request.getMethod(), view.rawPath(), RedactedFailure.of(e));
      Denials.abort(request, Denials.response(Denial.serverError()), options.swallowLimit());
      return;
    }
    if (view.bodyBuffered()) {
      request.setProperty(Denials.BODY_BUFFERED, Boolean.TRUE);
    }
    if (outcome instanceof Outcome.Authenticated ok) {
      Identity identity = ok.identity();
      request.setProperty(Identities.PROPERTY, identity);
      request.setSecurityContext(new PortcullisSecurityContext(identity, view.secure()));
      if (!ok.responseHeaders().isEmpty()) {
        request.setProperty(RESPONSE_HEADERS, ok.responseHeaders());
      }
      return;
    }
    if (outcome instanceof Outcome.Rejected r && LOG.isDebugEnabled()) {
      LOG.debug("refused {} {}: {}", request.getMethod(), view.rawPath(), r.reason());
    }
    Denials.abort(request, Denials.response(gate.deny(view, outcome)), options.swallowLimit());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(Identities.PROPERTY) != null && !options.cacheControl().isEmpty()
        && !response.getHeaders().containsKey("Cache-Control")) {
      // Only when the resource chose none: its own Cache-Control wins.
      response.getHeaders().putSingle("Cache-Control", options.cacheControl());
    }
    if (request.getProperty(RESPONSE_HEADERS) instanceof List<?> headers) {
      for (Object o : headers) {
        if (o instanceof Header h) {
          response.getHeaders().add(h.name(), h.value());
        }
      }
    }
  }
}
