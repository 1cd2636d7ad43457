package dev.portcullis.it.ee.table;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.ResourceSource;
import dev.portcullis.servlet.Rule;
import dev.portcullis.servlet.security.PortcullisAuthenticationMechanism;
import dev.portcullis.testing.AccessTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;

/**
 * The decision-table application: the mechanism over the table's scheme, with one rule per table
 * endpoint, the same rules AuthFilter gets in auth-servlet's AccessTableTest.
 */
@ApplicationScoped
public class TableSecurity {

  @Produces
  @ApplicationScoped
  HttpAuthenticationMechanism portcullis() {
    PortcullisAuthenticationMechanism.Builder b = PortcullisAuthenticationMechanism
        .builder(Gate.builder().scheme(AccessTable.SCHEME).build())
        .denyUnmatched(true);
    AccessTable.ENDPOINTS.forEach((path, r) -> b.rule(rule(path, r)));
    return b.build();
  }

  static Rule rule(String path, AccessRequirement r) {
    ResourceSource s = r.source();
    return switch (s.kind()) {
      case NONE -> Rule.of("GET", path, r.scope(), r.operation());
      case QUERY -> Rule.of("GET", path, r.scope(), r.operation()).resourceFromQuery(s.name());
      case HEADER -> Rule.of("GET", path, r.scope(), r.operation()).resourceFromHeader(s.name());
      case PATH -> Rule.of("GET", path + "/{" + s.name() + "}", r.scope(), r.operation())
          .resourceFromPath(s.name());
    };
  }
}
