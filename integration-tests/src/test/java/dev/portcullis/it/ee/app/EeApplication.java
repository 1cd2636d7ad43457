package dev.portcullis.it.ee.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** JAX-RS under /api, with Jersey's @RolesAllowed support switched on. */
@ApplicationPath("/api")
public class EeApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(AdminResource.class, RolesAllowedDynamicFeature.class);
  }
}
