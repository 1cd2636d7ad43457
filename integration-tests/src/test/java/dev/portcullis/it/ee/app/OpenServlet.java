package dev.portcullis.it.ee.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An unprotected servlet: the mechanism must let anonymous requests through. */
@WebServlet("/open")
public class OpenServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write("open to " + (req.getUserPrincipal() == null ? "anyone" : req.getUserPrincipal().getName()));
  }
}
