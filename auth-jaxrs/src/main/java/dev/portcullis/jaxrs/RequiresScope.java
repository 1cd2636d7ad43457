package dev.portcullis.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission a resource method needs: an operation on a scope, for the resource the
 * request names.
 *
 * <p>On a class it applies to every resource method of the class that carries no annotation of its
 * own; on a method it wins over the class. The resource id comes from one place, chosen in this
 * order: a non-empty {@link #pathParam()}, else a non-empty {@link #header()}, else the query
 * parameter {@link #query()} ({@code key} by default). {@code query = ""} with no other source
 * means the request names no resource, as for an account's token management, and only a grant
 * covering every resource satisfies it.
 *
 * <pre>{@code
 * @GET
 * @Path("/v2/items")
 * @RequiresScope(value = "items", op = "r")            // resource = ?key=...
 * public List<Item> items(@QueryParam("key") String key) { ... }
 *
 * @PUT
 * @Path("/ws/customers/{customer}/contacts")
 * @RequiresScope(value = "contacts", op = "w", pathParam = "customer")
 * public Response put(@PathParam("customer") String customer, Contact c) { ... }
 * }</pre>
 *
 * <p>A malformed annotation (an empty scope, an operation other than {@code r}, {@code w} or
 * {@code rw}, a {@code pathParam} missing from a root resource's {@code @Path}) makes {@link PortcullisFeature} fail while the application starts, not per request.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {

  /** The scope name, such as {@code items}. */
  String value();

  /** The operation needed: {@code r}, {@code w} or {@code rw} (which needs a grant of both). */
  String op();

  /** The query parameter naming the resource; {@code ""} for none. */
  String query() default "key";

  /** The path parameter naming the resource; wins over {@link #header()} and {@link #query()}. */
  String pathParam() default "";

  /** The request header naming the resource; wins over {@link #query()}. */
  String header() default "";
}
