package dev.portcullis.it.ee.adapters;

import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.oauth.OAuthEndpointsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Registers the servlet adapters the way a team adds them to an existing WAR, in code: AuthFilter in
 * front of {@code /servlet/*} and the OAuth 1.0a endpoints under {@code /oauth/*}.
 */
@WebListener
public class AdaptersSetup implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext ctx = event.getServletContext();
    ctx.addFilter("portcullis", AuthFilter.builder().gate(AdaptersStack.BASIC).build())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/servlet/*");
    ctx.addServlet("items", new ItemsServlet()).addMapping("/servlet/*");
    OAuthProvider provider = OAuthProvider.builder().verifier(AdaptersStack.VERIFIER)
        .users(InMemoryUserDirectory.builder().iterations(10_000).user("u", "p".toCharArray()).build())
        .build();
    ctx.addServlet("oauth", OAuthEndpointsServlet.builder().provider(provider).gate(AdaptersStack.OAUTH).build())
        .addMapping("/oauth/*");
  }
}
