package dev.portcullis.jaxrs;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Protects JAX-RS resource methods with a {@link Gate}, as their annotations ask.
 *
 * <p>For each resource method: {@link Public} or {@link jakarta.annotation.security.PermitAll}
 * registers only the request-target check (see below); {@link jakarta.annotation.security.DenyAll} registers a filter that answers
 * 403; {@link RequiresScope} registers an authentication filter at
 * {@link Priorities#AUTHENTICATION} and an authorization filter at {@link Priorities#AUTHORIZATION};
 * a method with none of these is authenticated only, or refused with 403 when
 * {@link Builder#denyUnannotated(boolean) denyUnannotated(true)}. The method's annotations win over
 * its class's. Annotations are resolved and validated while the application starts: a malformed
 * {@code @RequiresScope} throws {@link IllegalStateException} from {@link #configure} and the
 * application does not deploy.
 *
 * <p>"Who are you?" and "you may not" stay apart as RFC 7235 section 3.1 and RFC 6750 section 3.1
 * want them: missing or refused credentials get 401 with every scheme's challenge, a valid identity
 * without the permission gets 403 ({@code error="insufficient_scope"} for bearer tokens).
 * Refusals carry the gate's status, challenges and body, plus {@code Cache-Control: no-store};
 * a store that cannot be reached gives 503. Both filters run before JAX-RS reads the entity, and
 * the body is buffered (up to {@link AdapterOptions#maxBodyBytes()}) only when a scheme needs it, so a
 * request refused by either filter never has its body read by the resource. A refusal swallows the
 * unread body (up to {@link AdapterOptions#swallowLimit()} bytes, read and discarded) so a TCP reset
 * does not destroy it, and says {@code Connection: close} on HTTP/1.x for a larger one. An unexpected exception while
 * authenticating is logged with its stack trace and answered with a bare 500. An authenticated
 * response gets {@code Cache-Control: no-store} ({@link AdapterOptions#cacheControl()}) unless the
 * resource set its own.
 *
 * <p>"Secure" ({@code requireSecure}, OAuth {@code PLAINTEXT}, {@code SecurityContext.isSecure()})
 * is the connection's TLS or a trusted proxy's word, never the request URI's scheme: a request whose
 * absolute-form target contradicts its connection or {@code Host} header gets 400 on every method,
 * public ones included ({@link JaxrsAuthRequest}, {@link RemoteAddressResolver#SECURE_PROPERTY}).
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *     .scheme(new BasicTokenScheme(tokens, "catalog"))
 *     .scheme(new BearerTokenScheme(tokens, "catalog"))
 *     .build();
 * ResourceConfig app = new ResourceConfig(ItemsResource.class)
 *     .register(PortcullisFeature.builder().gate(gate).denyUnannotated(true).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance may serve several applications.
 */
public final class PortcullisFeature implements DynamicFeature {
  private final Gate gate;
  private final AdapterOptions options;
  private final RemoteAddressResolver addresses;
  private final int swallowLimit;
  private final boolean denyUnannotated;
  private final AuthenticationFilter authentication;
  private final TargetFilter target;

  private PortcullisFeature(Builder b) {
    this.gate = b.gate;
    this.options = b.options == null ? AdapterOptions.defaults() : b.options;
    this.addresses = b.addresses;
    this.swallowLimit = options.swallowLimit();
    this.denyUnannotated = b.denyUnannotated;
    this.authentication = new AuthenticationFilter(gate, options, addresses);
    this.target = new TargetFilter(options, addresses);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the filters one resource method needs.
   *
   * @throws IllegalStateException if the method's or its class's access annotations are malformed
   *     or contradict each other
   */
  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    Class<?> resourceClass = resourceInfo.getResourceClass();
    if (method == null || resourceClass == null) {
      return;
    }
    AccessRule rule = AccessRule.resolve(resourceClass, method);
    switch (rule.kind()) {
      case PUBLIC:
        context.register(target, Priorities.AUTHENTICATION);
        return;
      case DENY:
        context.register(new DenyFilter("No client may call this endpoint.", swallowLimit), Priorities.AUTHENTICATION);
        return;
      case UNANNOTATED:
        if (denyUnannotated) {
          context.register(new DenyFilter("This endpoint declares no access rule, so it is closed.", swallowLimit),
              Priorities.AUTHENTICATION);
        } else {
          context.register(authentication, Priorities.AUTHENTICATION);
        }
        return;
      case SCOPE:
        context.register(authentication, Priorities.AUTHENTICATION);
        context.register(new AuthorizationFilter(gate, rule, swallowLimit), Priorities.AUTHORIZATION);
        return;
      default:
        throw new IllegalStateException("unhandled access rule " + rule.kind());
    }
  }

  /** The gate that authenticates requests. */
  public Gate gate() {
    return gate;
  }

  /** The transport settings: trusted proxies, body cap, swallow limit. */
  public AdapterOptions options() {
    return options;
  }

  /** Whether methods without an access annotation are refused. */
  public boolean denyUnannotated() {
    return denyUnannotated;
  }

  /**
   * Builds a {@link PortcullisFeature}. Each setting may be given once: a second call throws
   * {@link IllegalStateException}. Not thread-safe.
   */
  public static final class Builder {
    private Gate gate;
    private @Nullable AdapterOptions options;
    private RemoteAddressResolver addresses = RemoteAddressResolver.fromProperty();
    private boolean denyUnannotated;
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    /** The gate; required. */
    public Builder gate(Gate gate) {
      given.once("gate");
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The transport settings (trusted proxies, body cap, swallow limit) shared by every adapter;
     * {@link AdapterOptions#defaults()} when not given.
     *
     * @throws IllegalStateException if already set
     */
    public Builder options(AdapterOptions options) {
      this.options = AdapterOptions.once(this.options, options);
      return this;
    }

    /** Where the peer address comes from; {@link RemoteAddressResolver#fromProperty()} by default. */
    public Builder remoteAddressResolver(RemoteAddressResolver resolver) {
      given.once("remoteAddressResolver");
      this.addresses = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Refuse (403) resource methods that carry no access annotation; off by default. */
    public Builder denyUnannotated(boolean denyUnannotated) {
      given.once("denyUnannotated");
      this.denyUnannotated = denyUnannotated;
      return this;
    }

    /**
     * Builds the feature.
     *
     * @throws IllegalStateException if no gate was given
     */
    public PortcullisFeature build() {
      if (gate == null) {
        throw new IllegalStateException("a PortcullisFeature needs a gate");
      }
      return new PortcullisFeature(this);
    }
  }
}
