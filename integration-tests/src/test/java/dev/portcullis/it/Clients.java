package dev.portcullis.it;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Independent real clients: Apache HttpClient 5 for Digest, ScribeJava for OAuth 1.0a. */
public final class Clients {
  private Clients() {}

  /** Status, body and the Authentication-Info header of an HttpClient 5 exchange. */
  public record Answer(int status, String body, String authenticationInfo) {}

  /** An HttpClient 5 that answers Digest challenges from {@code uri}'s host with these credentials. */
  public static CloseableHttpClient digest(URI uri, String user, String password) {
    BasicCredentialsProvider creds = new BasicCredentialsProvider();
    creds.setCredentials(new AuthScope(uri.getHost(), uri.getPort()),
        new UsernamePasswordCredentials(user, password.toCharArray()));
    return HttpClients.custom().setDefaultCredentialsProvider(creds).build();
  }

  public static Answer execute(CloseableHttpClient client, HttpUriRequestBase request) throws IOException {
    return client.execute(request, r -> {
      Header info = r.getFirstHeader("Authentication-Info");
      return new Answer(r.getCode(),
          r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8),
          info == null ? "" : info.getValue());
    });
  }

  /** A ScribeJava OAuth 1.0a service for a consumer; only signing is used, not the token flow. */
  public static OAuth10aService oauth(String consumerKey, String consumerSecret) {
    return new ServiceBuilder(consumerKey).apiSecret(consumerSecret).build(new SigningOnly());
  }

  /** Signs {@code GET uri} with the consumer and the access token, and sends it. */
  public static Response signedGet(OAuth10aService service, String token, String secret, URI uri)
      throws IOException, InterruptedException, ExecutionException {
    OAuthRequest request = new OAuthRequest(Verb.GET, uri.toString());
    service.signRequest(new OAuth1AccessToken(token, secret), request);
    return service.execute(request);
  }

  /** ScribeJava wants endpoints; these tests only sign resource requests with a known token. */
  private static final class SigningOnly extends DefaultApi10a {
    @Override
    public String getRequestTokenEndpoint() {
      return "http://127.0.0.1/unused/request_token";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return "http://127.0.0.1/unused/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return "http://127.0.0.1/unused/authorize";
    }
  }
}
