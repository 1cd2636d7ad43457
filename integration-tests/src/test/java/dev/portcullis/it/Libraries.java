package dev.portcullis.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Puts the jars of the project's own modules (and their libraries) into a test WAR's WEB-INF/lib. */
public final class Libraries {
  private Libraries() {}

  /**
   * Adds, for each marker class, the jar it was loaded from; a classes directory (a reactor build
   * before packaging, or an IDE) becomes a jar of its own.
   */
  public static WebArchive add(WebArchive war, Class<?>... markers) {
    for (Class<?> marker : markers) {
      File source;
      try {
        source = new File(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the classes of " + marker.getName(), e);
      }
      if (source.isDirectory()) {
        String name = marker.getPackageName().replace('.', '-') + ".jar";
        war.addAsLibrary(ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(source).as(JavaArchive.class));
      } else {
        war.addAsLibrary(source);
      }
    }
    return war;
  }
}
