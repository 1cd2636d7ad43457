/**
 * Portcullis for Jakarta RESTful Web Services 3.1: {@code PortcullisFeature}, the {@code @Public} and
 * {@code @RequiresScope} annotations and the request's {@code SecurityContext}.
 *
 * <p>Public API in the exported package is listed in docs/public-api.md.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.jaxrs {
  requires static org.jspecify;
  // Our API hands out and takes core types (Gate, Identity, Scheme).
  requires transitive dev.portcullis.core;
  // PortcullisFeature is a DynamicFeature, PortcullisSecurityContext a SecurityContext.
  requires transitive jakarta.ws.rs;
  // @PermitAll and @DenyAll are read from resource methods at run time.
  requires jakarta.annotation;
  requires org.slf4j;

  exports dev.portcullis.jaxrs;
}
