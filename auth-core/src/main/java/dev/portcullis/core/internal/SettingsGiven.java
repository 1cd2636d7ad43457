package dev.portcullis.core.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The settings a builder has been given, each at most once: as Caffeine's {@code requireState}, a
 * setting given twice is a setup bug, not a last-one-wins. One per builder; not thread-safe, like
 * the builders.
 *
 * <pre>{@code
 * private final SettingsGiven given = new SettingsGiven();
 * public Builder realm(String realm) {
 *   given.once("realm");
 *   ...
 * }
 * }</pre>
 */
public final class SettingsGiven {
  private final Set<String> names = new HashSet<>();

  /**
   * Records {@code setting}.
   *
   * @throws IllegalStateException ("realm was already set") if it was given before
   */
  public void once(String setting) {
    if (!names.add(setting)) {
      throw new IllegalStateException(setting + " was already set");
    }
  }

  /** Whether {@code setting} was given (for a build step that depends on what was set). */
  public boolean contains(String setting) {
    return names.contains(setting);
  }
}
