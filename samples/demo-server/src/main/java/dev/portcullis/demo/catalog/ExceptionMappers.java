package dev.portcullis.demo.catalog;

import dev.portcullis.core.Denial;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.portcullis.demo.ErrorBodies;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import dev.portcullis.core.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception a catalog request can raise into a JSON error: bad JSON, unknown fields and
 * wrong types become 400, validation failures 400, a full index 409, JAX-RS's own exceptions keep
 * their status (and {@code Allow} header), and anything unexpected a 500 that says nothing about its
 * cause. No mapper ever writes a stack trace or echoes the request body.
 *
 * <p>Each nested mapper is stateless and thread-safe.
 */
final class ExceptionMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

  private ExceptionMappers() {}

  /** All mappers, for registration. */
  static List<Object> all() {
    return List.of(new Json(), new IllegalArgument(), new IndexFull(), new Unavailable(), new Web(), new Unexpected());
  }

  /** A store that cannot be reached (the database is down): 503, fail closed, nothing of the cause shown. */
  static final class Unavailable implements ExceptionMapper<StoreUnavailableException> {
    @Override
    public Response toResponse(StoreUnavailableException e) {
      LOG.warn("store unavailable: {}", e.getMessage());
      return ApiErrors.of(503, "temporarily_unavailable", "The service is temporarily unavailable; try again.");
    }
  }

  /** Jackson parse and binding failures: 400 saying what was wrong, never where in the input. */
  static final class Json implements ExceptionMapper<JacksonException> {
    @Override
    public Response toResponse(JacksonException e) {
      return ApiErrors.badRequest(describe(e));
    }

    static String describe(JacksonException e) {
      if (e instanceof JsonParseException || !(e instanceof JsonMappingException)) {
        return "The body is not valid JSON.";
      }
      String field = path((JsonMappingException) e);
      if (e instanceof UnrecognizedPropertyException) {
        return "Unknown field " + field + ".";
      }
      if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
        return field.isEmpty() ? "The body has the wrong shape." : "Field " + field + " has the wrong type.";
      }
      return "The body could not be read.";
    }

    private static String path(JsonMappingException e) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference r : e.getPath()) {
        if (r.getFieldName() != null) {
          String name = r.getFieldName();
          // a field name is client input: keep it short, it is JSON-escaped on the way out
          sb.append(sb.length() == 0 ? "" : ".").append(name.length() > 40 ? name.substring(0, 40) + "..." : name);
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      return sb.length() == 0 ? "" : "\"" + sb + "\"";
    }
  }

  /** Validation failures: our code and the token service throw these with client-safe messages. */
  static final class IllegalArgument implements ExceptionMapper<IllegalArgumentException> {
    @Override
    public Response toResponse(IllegalArgumentException e) {
      String m = e.getMessage();
      return ApiErrors.badRequest(m == null ? "The request is not valid." : m);
    }
  }

  static final class IndexFull implements ExceptionMapper<IndexFullException> {
    @Override
    public Response toResponse(IndexFullException e) {
      return ApiErrors.of(409, "index_full", e.getMessage());
    }
  }

  /** JAX-RS exceptions (no matching path, method or media type): keep status and headers, JSON body. */
  static final class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      if (original.hasEntity()) {
        return original;
      }
      int status = original.getStatus();
      String message;
      if (e instanceof NotFoundException) {
        message = "No resource at this path.";
      } else if (e instanceof NotAllowedException) {
        message = "This method is not allowed here.";
      } else if (e instanceof NotSupportedException) {
        message = "Send the body as application/json.";
      } else {
        message = status >= 500 ? "The server could not handle the request." : original.getStatusInfo().getReasonPhrase() + ".";
      }
      Response.ResponseBuilder b = Response.fromResponse(original)
          .type(ErrorBodies.JSON)
          .entity(Denial.Body.error(status, ErrorBodies.code(status), message).text());
      return b.build();
    }
  }

  /** Anything else is a bug: log it here, tell the client nothing about it. */
  static final class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      LOG.error("catalog request failed", e);
      return ApiErrors.of(500, "server_error", "The server could not handle the request.");
    }
  }
}
