package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Identity;
import dev.portcullis.core.access.Grants;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SecurityContext applications see, and getting the identity back out of it. */
class PortcullisSecurityContextTest {
  private static Identity identity(String scheme) {
    return new Identity("ctct_customer", "acct-1", "7f2b9c4e", scheme, Grants.none(), Set.of("customer"),
        Map.of("token_id", "abc"));
  }

  @Test
  void exposesSubjectRolesAndSecurity() {
    PortcullisSecurityContext sc = new PortcullisSecurityContext(identity("Digest"), true);
    assertThat(sc.getUserPrincipal().getName()).isEqualTo("ctct_customer");
    assertThat(sc.isUserInRole("customer")).isTrue();
    assertThat(sc.isUserInRole("admin")).isFalse();
    assertThat(sc.isSecure()).isTrue();
    assertThat(new PortcullisSecurityContext(identity("Digest"), false).isSecure()).isFalse();
  }

  @Test
  void authenticationSchemeUsesTheStandardConstantsWhereTheyExist() {
    assertThat(new PortcullisSecurityContext(identity("Basic"), true).getAuthenticationScheme())
        .isEqualTo(SecurityContext.BASIC_AUTH);
    assertThat(new PortcullisSecurityContext(identity("Digest"), true).getAuthenticationScheme())
        .isEqualTo(SecurityContext.DIGEST_AUTH);
    assertThat(new PortcullisSecurityContext(identity("Bearer"), true).getAuthenticationScheme()).isEqualTo("Bearer");
    assertThat(new PortcullisSecurityContext(identity("OAuth"), true).getAuthenticationScheme()).isEqualTo("OAuth");
  }

  @Test
  void identitiesFindTheIdentityEvenThroughAProxy() {
    Identity id = identity("Bearer");
    PortcullisSecurityContext sc = new PortcullisSecurityContext(id, true);
    assertThat(Identities.from(sc)).isSameAs(id);
    // What a runtime injects: a different SecurityContext delegating to ours.
    SecurityContext proxy = new Delegating(sc);
    assertThat(Identities.from(proxy)).isSameAs(id);
  }

  @Test
  void identitiesRefuseARequestPortcullisDidNotAuthenticate() {
    assertThatThrownBy(() -> Identities.from(new Delegating(null)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not authenticated by Portcullis");
  }

  private record Delegating(SecurityContext inner) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return inner == null ? null : inner.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
      return inner != null && inner.isUserInRole(role);
    }

    @Override
    public boolean isSecure() {
      return inner != null && inner.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return inner == null ? null : inner.getAuthenticationScheme();
    }
  }
}
