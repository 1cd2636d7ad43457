/**
 * Portcullis self-service console: pages where a signed-in customer manages API tokens, API keys
 * and OAuth applications, over the same stores the schemes read, so every change is seen at once.
 *
 * <p>Public API: {@code dev.portcullis.console}. {@code dev.portcullis.console.internal} holds the
 * HTML rendering and form parsing and may change in any release.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.console {
  requires static org.jspecify;
  // The builder takes core stores and TokenAdmin; the servlet is part of our API.
  requires transitive dev.portcullis.core;
  requires transitive jakarta.servlet;
  requires org.slf4j;

  exports dev.portcullis.console;
}
