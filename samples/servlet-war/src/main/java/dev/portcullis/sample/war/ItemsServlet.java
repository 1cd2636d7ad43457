package dev.portcullis.sample.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET|POST /v2/items?key=…} behind the API-token filter, and the public
 * {@code GET /v2/ping}. The filter's rules have already checked {@code items(r)} or
 * {@code items(w)} on the API key in {@code key} before this runs.
 */
public final class ItemsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String info = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (info.equals("/ping")) {
      new Json().field("status", "ok").caller(req).send(resp, 200);
      return;
    }
    if (!info.equals("/items")) {
      resp.sendError(404);
      return;
    }
    new Json().field("key", req.getParameter("key"))
        .raw("items", "[{\"id\":\"1\",\"title\":\"Blue mug\"}]")
        .caller(req).send(resp, 200);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"/items".equals(req.getPathInfo())) {
      resp.sendError(404);
      return;
    }
    new Json().field("key", req.getParameter("key")).field("id", "2").caller(req).send(resp, 201);
  }
}
