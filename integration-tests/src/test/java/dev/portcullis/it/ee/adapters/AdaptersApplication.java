package dev.portcullis.it.ee.adapters;

import dev.portcullis.jaxrs.PortcullisFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS side, on the Jersey GlassFish ships: plain {@link Application} (no Jersey class), the
 * Portcullis feature over the same HTTPS-only gate as the servlet side.
 */
@ApplicationPath("/jaxrs")
public class AdaptersApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(AdaptersResource.class);
  }

  @Override
  public Set<Object> getSingletons() {
    return Set.of(PortcullisFeature.builder().gate(AdaptersStack.BASIC).build());
  }
}
