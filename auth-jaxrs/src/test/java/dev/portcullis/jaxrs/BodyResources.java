package dev.portcullis.jaxrs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Resources that read the body after a scheme has read it too. */
@Path("/")
public final class BodyResources {
  static final AtomicInteger READS = new AtomicInteger();

  @POST
  @Path("echo")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @RequiresScope(value = "items", op = "w", query = "")
  public byte[] echo(byte[] body) {
    READS.incrementAndGet();
    return body;
  }

  @POST
  @Path("note")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  @RequiresScope(value = "items", op = "w", query = "")
  public String note(@FormParam("note") String note, @Context SecurityContext sc) {
    READS.incrementAndGet();
    return sc.getUserPrincipal().getName() + ":" + note;
  }

  @GET
  @Path("probe/{name}")
  @Produces(MediaType.TEXT_PLAIN)
  @RequiresScope(value = "items", op = "r", query = "")
  public String probe(@Context SecurityContext sc) {
    return sc.getAuthenticationScheme() + " secure=" + sc.isSecure();
  }
}
