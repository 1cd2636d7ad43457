package dev.portcullis.demo.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code GET} and {@code POST /ws/customers/{customer}/contacts}. Authentication and the
 * customer check happened in the filter; this only serves JSON. Thread-safe.
 */
final class ContactsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final transient ContactBook book;

  ContactsServlet(ContactBook book) {
    this.book = book;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String[] seg = path.split("/", -1);
    if (seg.length != 4 || !seg[0].isEmpty() || !seg[1].equals("customers") || seg[2].isEmpty() || !seg[3].equals("contacts")) {
      error(resp, 404, "not_found", "No such resource.");
      return;
    }
    String customer = seg[2];
    switch (req.getMethod()) {
      case "GET" -> {
        ObjectNode out = JSON.createObjectNode();
        out.put("customer", customer);
        out.set("contacts", JSON.valueToTree(book.list(customer)));
        write(resp, 200, out);
      }
      case "POST" -> create(req, resp, customer);
      default -> {
        resp.setHeader("Allow", "GET, POST");
        error(resp, 405, "method_not_allowed", "Use GET or POST.");
      }
    }
  }

  private void create(HttpServletRequest req, HttpServletResponse resp, String customer) throws IOException {
    String type = req.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      error(resp, 415, "unsupported_media_type", "Send the contact as application/json.");
      return;
    }
    byte[] body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      error(resp, 413, "body_too_large", "The contact is too large.");
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      error(resp, 400, "invalid_json", "The body is not valid JSON.");
      return;
    }
    JsonNode email = node == null ? null : node.get("email");
    JsonNode name = node == null ? null : node.get("name");
    if (email == null || !email.isTextual() || email.asText().isBlank() || name != null && !name.isTextual()) {
      error(resp, 400, "invalid_contact", "A contact is a JSON object with a string \"email\" and an optional string \"name\".");
      return;
    }
    ContactBook.Contact c = book.add(customer, name == null ? "" : name.asText(), email.asText());
    resp.setHeader("Location", req.getRequestURI() + "/" + c.id());
    write(resp, 201, JSON.valueToTree(c));
  }

  private static void write(HttpServletResponse resp, int status, JsonNode body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.getWriter().write(JSON.writeValueAsString(body));
  }

  private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("status", status);
    out.put("error", code);
    out.put("message", message);
    write(resp, status, out);
  }
}
