package dev.portcullis.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.ResourceSource;
import dev.portcullis.testing.AccessTable;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jakarta Security mechanism hands the container groups, not rules: against the shared access
 * decision table, holding the group {@code scope(op)} must mean what the filter decided wherever a
 * group can say it (a rule naming no resource), and never be held where a whole-scope grant is
 * missing. In a real container the mechanism runs in integration-tests (JakartaSecurityIT).
 */
class AccessTableGroupsTest {
  private static final PortcullisAuthenticationMechanism MECHANISM =
      PortcullisAuthenticationMechanism.builder(Gate.builder().scheme(AccessTable.SCHEME).build()).build();

  static Stream<AccessTable.Row> rows() {
    return AccessTable.rows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void groupsAgreeWithTheDecision(AccessTable.Row row) {
    Identity id = new Identity("table", "acct", null, "Grants", AccessTable.grants(row.grants()),
        Set.of(), Map.of());
    AccessRequirement r = row.requirement();
    boolean group = MECHANISM.groups(id).contains(r.scope() + "(" + r.operation().code() + ")");
    if (r.source().kind() == ResourceSource.Kind.NONE) {
      assertThat(group).as(row.name()).isEqualTo(row.status() == 200);
    } else if (group) {
      // A whole-scope group covers every resource: such a row is allowed unless it is malformed.
      assertThat(row.status()).as(row.name()).isIn(200, 400);
    }
  }
}
