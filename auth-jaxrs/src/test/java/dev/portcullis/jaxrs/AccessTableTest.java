package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.jaxrs.TestClients.Client;
import dev.portcullis.jaxrs.TestClients.Reply;
import dev.portcullis.testing.AccessTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-adapter access decision table (test-support {@code access-decisions.tsv}) through the
 * JAX-RS feature: Jersey in Jetty on a real port, with the JDK client and Apache HttpClient 5. The
 * servlet adapter runs the same rows in auth-servlet's {@code AccessTableTest}.
 */
class AccessTableTest {
  private static JerseyOnJetty server;
  private static Client jdk;
  private static Client apache;

  /** One method per table endpoint; every one answers {@code ok}. */
  @Path("t")
  @Produces(MediaType.TEXT_PLAIN)
  public static class Table {
    @GET @Path("none/r") @RequiresScope(value = "items", op = "r", query = "")
    public String noneR() {
      return "ok";
    }

    @GET @Path("query/r") @RequiresScope(value = "items", op = "r", query = "key")
    public String queryR() {
      return "ok";
    }

    @GET @Path("header/r") @RequiresScope(value = "items", op = "r", header = AccessTable.HEADER)
    public String headerR() {
      return "ok";
    }

    @GET @Path("path/r/{id}") @RequiresScope(value = "items", op = "r", pathParam = "id")
    public String pathR(@PathParam("id") String id) {
      return "ok";
    }

    @GET @Path("none/w") @RequiresScope(value = "items", op = "w", query = "")
    public String noneW() {
      return "ok";
    }

    @GET @Path("query/w") @RequiresScope(value = "items", op = "w", query = "key")
    public String queryW() {
      return "ok";
    }

    @GET @Path("header/w") @RequiresScope(value = "items", op = "w", header = AccessTable.HEADER)
    public String headerW() {
      return "ok";
    }

    @GET @Path("path/w/{id}") @RequiresScope(value = "items", op = "w", pathParam = "id")
    public String pathW(@PathParam("id") String id) {
      return "ok";
    }

    @GET @Path("none/rw") @RequiresScope(value = "items", op = "rw", query = "")
    public String noneRW() {
      return "ok";
    }

    @GET @Path("query/rw") @RequiresScope(value = "items", op = "rw", query = "key")
    public String queryRW() {
      return "ok";
    }

    @GET @Path("header/rw") @RequiresScope(value = "items", op = "rw", header = AccessTable.HEADER)
    public String headerRW() {
      return "ok";
    }

    @GET @Path("path/rw/{id}") @RequiresScope(value = "items", op = "rw", pathParam = "id")
    public String pathRW(@PathParam("id") String id) {
      return "ok";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Gate gate = Gate.builder().scheme(AccessTable.SCHEME).build();
    ResourceConfig app = new ResourceConfig(Table.class)
        .register(PortcullisFeature.builder().gate(gate).denyUnannotated(true).build());
    server = JerseyOnJetty.start(Map.of("/api", app), false);
    jdk = TestClients.jdk();
    apache = TestClients.apache();
  }

  @AfterAll
  static void stop() throws Exception {
    jdk.close();
    apache.close();
    server.close();
  }

  static Stream<Arguments> rows() {
    List<Arguments> out = new ArrayList<>();
    for (AccessTable.Row row : AccessTable.rows()) {
      out.add(Arguments.of(row, "jdk"));
      out.add(Arguments.of(row, "apache"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("rows")
  void everyRowThroughTheFeature(AccessTable.Row row, String client) throws Exception {
    Client c = client.equals("jdk") ? jdk : apache;
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Authorization", row.authorization()});
    headers.addAll(row.headers());
    Reply r = c.send("GET", server.uri("/api" + row.target()), headers, null, null);
    assertThat(r.status()).as(row.name()).isEqualTo(row.status());
    assertThat(r.all("WWW-Authenticate")).as(row.name()).isEqualTo(row.challenges());
    assertThat(r.body()).as(row.name()).isEqualTo(row.body());
    if (row.status() != 200) {
      assertThat(r.first("Cache-Control")).isEqualTo("no-store");
    }
  }
}
