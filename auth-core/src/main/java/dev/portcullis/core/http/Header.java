package dev.portcullis.core.http;

import java.util.Objects;

/** One response header. Immutable. */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
