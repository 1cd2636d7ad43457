package dev.portcullis.demo;

import java.util.List;

/**
 * One of the demo server's three APIs (shared/spec/demo-api.md). Each installs its own servlets,
 * filters or Jersey application into the shared context, wired exactly as an adopting team would
 * wire this suite into its own app.
 */
public interface DemoApi {

  /** A short name for logs: {@code catalog}, {@code contacts}, {@code email-lists}. */
  String name();

  /** Adds this API's servlets and filters to the server's context. Called once, before start. */
  void install(DemoContext context);

  /** Lines printed after the READY line that tell a newcomer the demo credentials. */
  List<String> credentialsHelp();
}
