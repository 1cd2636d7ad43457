package dev.portcullis.it.ee.app;

import dev.portcullis.servlet.security.PortcullisAuthenticationMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;

/** How an EE application switches the mechanism on: one producer, nothing in web.xml. */
@ApplicationScoped
public class Security {

  @Produces
  @ApplicationScoped
  HttpAuthenticationMechanism portcullis() {
    return PortcullisAuthenticationMechanism.builder(EeGate.build()).build();
  }
}
