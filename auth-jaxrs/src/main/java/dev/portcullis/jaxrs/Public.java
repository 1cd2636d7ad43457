package dev.portcullis.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method, or every method of a resource class, as open: {@link PortcullisFeature}
 * registers no filter for it and credentials are not looked at.
 *
 * <p>{@link jakarta.annotation.security.PermitAll} means the same. A method-level
 * {@link RequiresScope} or {@link jakarta.annotation.security.DenyAll} overrides a class-level
 * {@code @Public}.
 *
 * <pre>{@code
 * @GET
 * @Path("/search/{query}")
 * @Public
 * public SearchResult search(@PathParam("query") String q) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {}
