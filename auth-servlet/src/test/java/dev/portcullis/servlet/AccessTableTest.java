package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.ResourceSource;
import dev.portcullis.testing.AccessTable;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-adapter access decision table (test-support {@code access-decisions.tsv}) through
 * {@link AuthFilter} over a real socket; auth-jaxrs runs the same rows through the JAX-RS feature,
 * and {@code security.AccessTableGroupsTest} checks the Jakarta Security mechanism's groups against them.
 */
class AccessTableTest {
  private static final Gate GATE = Gate.builder().scheme(AccessTable.SCHEME).build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static JettyHarness jetty;

  @BeforeAll
  static void start() throws Exception {
    AuthFilter.Builder b = AuthFilter.builder().gate(GATE).denyUnmatched(true);
    AccessTable.ENDPOINTS.forEach((path, r) -> b.rule(rule(path, r)));
    AuthFilter filter = b.build();
    jetty = JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new Ok()), "/*");
    });
  }

  private static Rule rule(String path, AccessRequirement r) {
    ResourceSource s = r.source();
    return switch (s.kind()) {
      case NONE -> Rule.of("GET", path, r.scope(), r.operation());
      case QUERY -> Rule.of("GET", path, r.scope(), r.operation()).resourceFromQuery(s.name());
      case HEADER -> Rule.of("GET", path, r.scope(), r.operation()).resourceFromHeader(s.name());
      case PATH -> Rule.of("GET", path + "/{" + s.name() + "}", r.scope(), r.operation())
          .resourceFromPath(s.name());
    };
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  static Stream<AccessTable.Row> rows() {
    return AccessTable.rows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowThroughTheFilter(AccessTable.Row row) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(jetty.uri(row.target()))
        .header("Authorization", row.authorization());
    for (String[] h : row.headers()) {
      req.header(h[0], h[1]);
    }
    HttpResponse<String> r = CLIENT.send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(row.name()).isEqualTo(row.status());
    assertThat(r.headers().allValues("WWW-Authenticate")).as(row.name()).isEqualTo(row.challenges());
    assertThat(r.body()).as(row.name()).isEqualTo(row.body());
    if (row.status() != 200) {
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  /** The application: answers {@code ok}. */
  static final class Ok extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain;charset=utf-8");
      resp.getWriter().write("ok");
    }
  }
}
