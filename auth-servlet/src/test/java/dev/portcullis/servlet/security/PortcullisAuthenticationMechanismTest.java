package dev.portcullis.servlet.security;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mapping from an identity to container groups; the mechanism's behaviour in a real container
 * is tested in integration-tests (JakartaSecurityIT, GlassFish embedded).
 */
class PortcullisAuthenticationMechanismTest {

  /** A scheme that never authenticates: the group mapping does not need one that does. */
  private static final Scheme NONE = new Scheme() {
    @Override
    public String name() {
      return "None";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      return Outcome.noCredentials();
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.Rejected cause) {
      return List.of("None");
    }
  };

  private static final Gate GATE = Gate.builder().scheme(NONE).build();

  private static Identity identity(Set<String> roles, Permission... permissions) {
    return new Identity("ada", "acct", null, "Bearer", Grants.of(permissions), roles, Map.of());
  }

  @Test
  void rolesAndWholeScopePermissionsBecomeGroups() {
    PortcullisAuthenticationMechanism m = PortcullisAuthenticationMechanism.builder(GATE).build();
    Identity id = identity(Set.of("account"),
        new Permission("items", Operation.READ_WRITE, Set.of(Permission.ANY)),
        new Permission("facets", Operation.READ, Set.of(Permission.ANY)));
    assertThat(m.groups(id)).containsExactlyInAnyOrder(
        "account", "items(rw)", "items(r)", "items(w)", "facets(r)");
  }

  @Test
  void permissionsLimitedToSomeResourcesAndWildcardScopesGiveNoGroup() {
    PortcullisAuthenticationMechanism m = PortcullisAuthenticationMechanism.builder(GATE).build();
    Identity id = identity(Set.of("token"),
        new Permission("items", Operation.READ, Set.of("key_demo_index")),
        new Permission(Permission.ANY, Operation.READ_WRITE, Set.of(Permission.ANY)));
    assertThat(m.groups(id)).containsExactly("token");
  }

  @Test
  void scopeGroupsCanBeTurnedOff() {
    PortcullisAuthenticationMechanism m =
        PortcullisAuthenticationMechanism.builder(GATE).scopeGroups(false).build();
    Identity id = identity(Set.of(), new Permission("items", Operation.READ, Set.of(Permission.ANY)));
    assertThat(m.groups(id)).isEmpty();
  }

  @Test
  void theBuilderRefusesANegativeBodyCapAndAMissingGate() {
    assertThatThrownBy(() -> PortcullisAuthenticationMechanism.builder(GATE).options(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PortcullisAuthenticationMechanism.builder(GATE)
        .options(AdapterOptions.defaults()).options(AdapterOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PortcullisAuthenticationMechanism.builder(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void thePrincipalIsNamedBySubjectAndCarriesTheIdentity() {
    Identity id = identity(Set.of());
    PortcullisPrincipal p = new PortcullisPrincipal(id);
    assertThat(p.getName()).isEqualTo("ada");
    assertThat(p.identity()).isSameAs(id);
    assertThat(p).hasToString("ada");
  }
}
