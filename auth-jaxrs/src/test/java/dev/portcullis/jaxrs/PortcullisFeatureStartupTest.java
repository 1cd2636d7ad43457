package dev.portcullis.jaxrs;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Misconfiguration fails while the application deploys, never per request. */
class PortcullisFeatureStartupTest {

  @Path("/bad")
  public static final class BadOperation {
    @GET
    @RequiresScope(value = "items", op = "read")
    public String get() {
      return "never";
    }
  }

  @Path("/good")
  public static final class Good {
    @GET
    @RequiresScope(value = "items", op = "r")
    public String get() {
      return "ok";
    }
  }

  /** A scheme that refuses everything; enough to build a gate. */
  static final class Nobody implements Scheme {
    @Override
    public String name() {
      return "Nobody";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      return Outcome.noCredentials();
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Nobody");
    }
  }

  private static PortcullisFeature feature() {
    return PortcullisFeature.builder().gate(Gate.builder().scheme(new Nobody()).build()).build();
  }

  @Test
  void aBadOperationFailsTheJerseyApplicationAtStartup() {
    ResourceConfig app = new ResourceConfig(Good.class, BadOperation.class).register(feature());
    assertThatThrownBy(() -> new ApplicationHandler(app))
        .hasStackTraceContaining("BadOperation#get")
        .hasStackTraceContaining("r, w or rw");
  }

  @Test
  void aBadOperationFailsTheServerAtStartup() {
    ResourceConfig app = new ResourceConfig(Good.class, BadOperation.class).register(feature());
    assertThatThrownBy(() -> JerseyOnJetty.start(Map.of("/api", app), false).close())
        .hasStackTraceContaining("r, w or rw");
  }

  @Test
  void aGoodApplicationDeploys() {
    assertThat(new ApplicationHandler(new ResourceConfig(Good.class).register(feature()))).isNotNull();
  }

  @Test
  void theBuilderRefusesIncompleteSettings() {
    assertThatThrownBy(() -> PortcullisFeature.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("gate");
    assertThatThrownBy(() -> PortcullisFeature.builder()
        .options(AdapterOptions.defaults()).options(AdapterOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
    PortcullisFeature f = feature();
    assertThat(f.options().maxBodyBytes()).isEqualTo(AdapterOptions.DEFAULT_MAX_BODY_BYTES);
    assertThat(f.denyUnannotated()).isFalse();
  }
}
