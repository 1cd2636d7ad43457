package dev.portcullis.core.http;

import java.util.Objects;

/** One decoded name/value pair from a query string or a form body. Order and duplicates are kept by the lists that hold them. */
public record Param(String name, String value) {
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
