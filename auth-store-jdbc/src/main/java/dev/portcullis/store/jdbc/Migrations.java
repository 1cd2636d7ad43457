package dev.portcullis.store.jdbc;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * Hands Flyway our migration scripts by name, read through this module's own class.
 *
 * <p>Why not Flyway's class-path scanning: on the module path {@code db/migration/portcullis} is a
 * package of this module, and a named module's resources are encapsulated, so Flyway (another
 * module) can list them but not open them. A fixed list also means no stray {@code V*.sql} of the
 * application can slip into our history. Add each new script here.
 */
final class Migrations implements ResourceProvider {
  /** Where the scripts live, inside this jar. */
  static final String DIR = "db/migration/portcullis/";
  /** Every script, oldest first. */
  static final List<String> SCRIPTS = List.of("V1__stores.sql", "V2__attempt_counters.sql", "V3__consumer_expiry.sql",
      "V4__credential_owners.sql");

  @Override
  public @Nullable LoadableResource getResource(String name) {
    String file = name.startsWith(DIR) ? name.substring(DIR.length()) : name;
    return SCRIPTS.contains(file) ? new Script(file) : null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> out = new ArrayList<>();
    for (String file : SCRIPTS) {
      if (!file.startsWith(prefix)) {
        continue;
      }
      for (String suffix : suffixes) {
        if (file.endsWith(suffix)) {
          out.add(new Script(file));
          break;
        }
      }
    }
    return out;
  }

  private static final class Script extends LoadableResource {
    private final String file;

    Script(String file) {
      this.file = file;
    }

    @Override
    public Reader read() {
      InputStream in = Migrations.class.getResourceAsStream("/" + DIR + file);
      if (in == null) {
        throw new FlywayException("migration " + file + " is missing from the jar");
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return DIR + file;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return DIR + file;
    }

    @Override
    public String getFilename() {
      return file;
    }

    @Override
    public String getRelativePath() {
      return DIR + file;
    }
  }
}
