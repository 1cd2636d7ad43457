package dev.portcullis.it.ee.adapters;

import dev.portcullis.core.Identity;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.ServletAuthRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stands for an application behind AuthFilter: GET lists items, POST "mints" a token. */
public class ItemsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write("items for " + id.account() + " secure=" + ServletAuthRequest.secure(req));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setStatus(201);
    resp.setContentType("text/plain; charset=UTF-8");
    resp.getWriter().write("minted");
  }
}
