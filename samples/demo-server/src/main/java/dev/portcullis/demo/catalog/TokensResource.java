package dev.portcullis.demo.catalog;

import dev.portcullis.core.Denial;
import dev.portcullis.core.Identity;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.token.CreateResult;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenAdmin;
import dev.portcullis.core.token.TokenInfo;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.Identities;
import dev.portcullis.jaxrs.RequiresScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.portcullis.core.http.Challenge;
import dev.portcullis.demo.ErrorBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's token management: create, list and revoke the account's scoped tokens.
 *
 * <p>Only the account's own API token holds {@code tokens(rw)}; a scoped token never can (the
 * service refuses the scope), so a scoped token gets 403 here. The spec names Basic as the way in,
 * so the account token sent as Bearer is refused with 403 as well: minting tokens stays behind one
 * explicit door. The account is
 * the authenticated identity's, never a parameter, so one account cannot see or revoke another's
 * tokens: a foreign id answers 404 exactly like an unknown one.
 *
 * <p>Thread-safe (the service is).
 */
@Singleton
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {
  private final TokenAdmin tokens;
  private final Clock clock;

  @Inject
  public TokensResource(TokenService tokens, Clock clock) {
    this.tokens = tokens.admin();
    this.clock = clock;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "tokens", op = "w", query = "")
  public Response create(@Context SecurityContext security, TokenJson.@Nullable CreateRequest body) {
    TokenJson.CreateRequest req = ItemsResource.requireBody(body);
    if (req.name() == null) {
      throw new IllegalArgumentException("name is required");
    }
    Duration expiresIn = null;
    if (req.expiresIn() != null) {
      if (req.expiresIn() <= 0 || req.expiresIn() > TokenAdmin.MAX_EXPIRY.toSeconds()) {
        throw new IllegalArgumentException("expires_in must be a positive number of seconds, at most "
            + TokenAdmin.MAX_EXPIRY.toSeconds());
      }
      expiresIn = Duration.ofSeconds(req.expiresIn());
    }
    String account = account(security);
    CreateResult result;
    try {
      result = tokens.create(account, req.name(), req.toPermissions(), expiresIn);
    } catch (StoreUnavailableException e) {
      return unavailable();
    }
    if (result instanceof CreateResult.Refused refused) {
      // the refusal's message is written to be shown to the client; nothing was stored
      return ApiErrors.badRequest(refused.message());
    }
    IssuedToken issued = result.orElseThrow();
    TokenInfo info = issued.info();
    TokenJson.Created created = new TokenJson.Created(info.id(), info.name(), issued.secret(),
        TokenJson.permissions(info.permissions()), TokenJson.iso(info.createdAt()),
        TokenJson.iso(info.expiresAt()));
    return Response.status(201).header("Cache-Control", "no-store").entity(created).build();
  }

  @GET
  @RequiresScope(value = "tokens", op = "r", query = "")
  public Response list(@Context SecurityContext security) {
    String account = account(security);
    List<TokenJson.Listed> listed;
    try {
      listed = tokens.list(account).stream()
          .map(t -> TokenJson.Listed.of(t, clock.instant()))
          .toList();
    } catch (StoreUnavailableException e) {
      return unavailable();
    }
    return Response.ok(PublicResource.obj("tokens", listed, "total_count", listed.size())).build();
  }

  @DELETE
  @Path("{id}")
  @RequiresScope(value = "tokens", op = "w", query = "")
  public Response revoke(@Context SecurityContext security, @PathParam("id") String id) {
    String account = account(security);
    try {
      if (tokens.find(account, id).isEmpty()) {
        return ApiErrors.notFound("The account has no token with this id.");
      }
      // revoking twice is still a success: the token is refused either way
      tokens.revoke(account, id);
    } catch (StoreUnavailableException e) {
      return unavailable();
    }
    return Response.noContent().build();
  }

  /** A token store outage fails closed with the gate's 503, not the 500 of an unexpected failure. */
  static Response unavailable() {
    Denial d = Denial.unavailable();
    Response.ResponseBuilder b = Response.status(d.status()).type(d.body().contentType())
        .header("Cache-Control", "no-store").entity(d.body().text());
    d.headers().forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }

  private static String account(SecurityContext security) {
    Identity identity = Identities.from(security);
    if (!"Basic".equals(identity.scheme())) {
      throw new WebApplicationException(Response.status(403)
          .header("WWW-Authenticate", Challenge.scheme("Bearer").quoted("realm", CatalogApi.REALM)
              .quoted("error", "insufficient_scope").quoted("scope", "tokens").render())
          .header("Cache-Control", "no-store")
          .type(ErrorBodies.JSON)
          .entity(Denial.Body.error(403, "insufficient_scope",
              "Token management takes the account's API token over Basic (-u TOKEN:).").text())
          .build());
    }
    if (identity.account() == null) {
      throw new IllegalStateException("an API-token identity always names its account");
    }
    return identity.account();
  }
}
