package dev.portcullis.sample.war;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.servlet.GateFactory;
import java.util.Map;
import java.util.Set;

/**
 * The gate of the contacts servlets: HTTP Digest (RFC 7616, SHA-256 and MD5 challenges, qop
 * {@code auth} and {@code auth-int}) with {@code <API key>%<customer>} usernames. A customer may
 * read and write their own contacts ({@code contacts(rw)} on their name), which the filter's
 * {@code path:customer} rules check.
 *
 * <p>Named in {@code web.xml} as the filter's {@code gate-factory}.
 */
public final class DigestGates implements GateFactory {

  /** Used by the filter, through reflection. */
  public DigestGates() {}

  @Override
  public Gate create(Map<String, String> initParams) {
    DemoData data = DemoData.get();
    DigestScheme digest = DigestScheme.builder()
        .realm(DemoData.CONTACTS_REALM)
        .credentials(data.digestUsers())
        .applications(data.applications())
        .grants((apiKey, customer) ->
            Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(customer))))
        .nonceKey(data.nonceKey())
        .replayGuard(data.replayGuard())
        .build();
    return Gate.builder().scheme(digest).build();
  }
}
