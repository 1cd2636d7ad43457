package dev.portcullis.demo.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.core.Identity;
import dev.portcullis.demo.ErrorBodies;
import dev.portcullis.servlet.AuthFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The email-lists resources behind {@link AuthFilter}: {@code GET /1.0/accounts} and
 * {@code GET /1.0/accounts/{accountId}/lists/{listId}/campaigns}. The filter has already
 * authenticated the request and checked that the account in the path is the caller's (403
 * otherwise); this servlet only shapes the JSON. Thread-safe.
 */
final class ListsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String[] seg = path.split("/", -1);
    boolean accounts = path.equals("/accounts");
    boolean campaigns = seg.length == 6 && seg[1].equals("accounts") && seg[3].equals("lists")
        && seg[5].equals("campaigns");
    if (!accounts && !campaigns) {
      error(resp, 404, null);
      return;
    }
    if (!req.getMethod().equals("GET")) {
      resp.setHeader("Allow", "GET");
      error(resp, 405, null);
      return;
    }
    Identity identity = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    String base = base(req);
    if (accounts) {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (String id : DemoLists.accountsOf(identity.subject())) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", Long.parseLong(id));
        a.put("self_link", base + "accounts/" + id);
        a.put("lists_collection_link", base + "accounts/" + id + "/lists");
        a.put("resource_type_link", base + "#account");
        entries.add(a);
      }
      write(resp, page(entries, base + "#accounts"));
      return;
    }
    if (!DemoLists.hasList(seg[2], seg[4])) {
      error(resp, 404, "No such list in this account.");
      return;
    }
    write(resp, page(List.of(), base + "#campaign-page-resource"));
  }

  private static Map<String, Object> page(List<?> entries, String typeLink) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total_size", entries.size());
    body.put("start", 0);
    body.put("entries", entries);
    body.put("resource_type_link", typeLink);
    return body;
  }

  private static String base(HttpServletRequest req) {
    return req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + req.getContextPath() + "/1.0/";
  }

  private static void write(HttpServletResponse resp, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    resp.setStatus(200);
    resp.setContentType("application/json");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private static void error(HttpServletResponse resp, int status, @Nullable String detail) throws IOException {
    byte[] bytes = ErrorBodies.forStatus(status, detail).getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType(ErrorBodies.JSON);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
