package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApplicationRegistry} must do: extend it and implement the three hooks.
 *
 * <p>The SPI only reads; the kit registers, disables and enables keys through the subclass, which
 * calls the store's own administration.
 */
public abstract class ApplicationRegistryContract {

  /** A new, empty registry. */
  protected abstract ApplicationRegistry newRegistry();

  /**
   * Registers a new application, the way the store's administration does.
   *
   * @return false, changing nothing, when the API key is already registered
   */
  protected abstract boolean register(ApplicationRegistry registry, Application application);

  /**
   * Enables or disables an API key.
   *
   * @return false, creating nothing, when the key is not registered
   */
  protected abstract boolean setEnabled(ApplicationRegistry registry, String apiKey, boolean enabled);

  private static Application app(String key, String name) {
    return new Application(key, name, true);
  }

  @Test
  void findsARegisteredApplicationAndNullOtherwise() {
    ApplicationRegistry r = newRegistry();
    assertThat(register(r, app("k1", "first"))).isTrue();
    assertThat(register(r, new Application("k2", "off from the start", false))).isTrue();
    assertThat(r.find("k1")).isEqualTo(app("k1", "first"));
    assertThat(r.find("k2").enabled()).isFalse();
    assertThat(r.find("k3")).isNull();
    assertThat(r.find("")).isNull();
    assertThat(r.find("K1")).as("keys are exact, not case-folded").isNull();
    assertThat(r.find("k1 ")).isNull();
  }

  @Test
  void aDuplicateKeyIsRefusedAndTheFirstApplicationStays() {
    ApplicationRegistry r = newRegistry();
    assertThat(register(r, app("k1", "first"))).isTrue();
    assertThat(register(r, new Application("k1", "impostor", false))).isFalse();
    assertThat(r.find("k1")).isEqualTo(app("k1", "first"));
  }

  @Test
  void aDisabledKeyIsAnsweredDisabledNotHiddenAndCanBeEnabledAgain() {
    ApplicationRegistry r = newRegistry();
    register(r, app("k1", "first"));
    assertThat(setEnabled(r, "k1", false)).isTrue();
    assertThat(r.find("k1")).as("the very next find sees it").isEqualTo(new Application("k1", "first", false));
    assertThat(setEnabled(r, "k1", false)).as("disabling twice is still a known key").isTrue();
    assertThat(r.find("k1").enabled()).isFalse();
    assertThat(setEnabled(r, "k1", true)).isTrue();
    assertThat(r.find("k1")).isEqualTo(app("k1", "first"));
  }

  @Test
  void enablingOrDisablingAnUnknownKeyCreatesNothing() {
    ApplicationRegistry r = newRegistry();
    assertThat(setEnabled(r, "ghost", false)).isFalse();
    assertThat(setEnabled(r, "ghost", true)).isFalse();
    assertThat(r.find("ghost")).isNull();
  }

  @Test
  void racingRegistrationsOfOneKeyHaveOneWinner() throws Exception {
    ApplicationRegistry r = newRegistry();
    for (int round = 0; round < 50; round++) {
      String key = "k" + round;
      String[] winner = new String[1];
      int wins = Races.winners(8, t -> {
        boolean won = register(r, app(key, "t" + t));
        if (won) {
          winner[0] = "t" + t;
        }
        return won;
      });
      assertThat(wins).as("winners for %s", key).isEqualTo(1);
      assertThat(r.find(key).name()).as("the stored application is the winner's").isEqualTo(winner[0]);
    }
  }

  @Test
  void racingTogglesNeverHideTheApplicationOrLoseItsName() throws Exception {
    ApplicationRegistry r = newRegistry();
    register(r, app("k1", "first"));
    AtomicBoolean stop = new AtomicBoolean();
    int ok = Races.winners(8, t -> {
      if (t < 4) {
        for (int i = 0; i < 500; i++) {
          if (!setEnabled(r, "k1", (i + t) % 2 == 0)) {
            return false;
          }
        }
        return true;
      }
      for (int i = 0; i < 500; i++) {
        Application a = r.find("k1");
        if (a == null || !a.name().equals("first") || !a.apiKey().equals("k1")) {
          stop.set(true);
          return false;
        }
      }
      return true;
    });
    assertThat(ok).isEqualTo(8);
    assertThat(stop).isFalse();
    assertThat(setEnabled(r, "k1", false)).isTrue();
    assertThat(r.find("k1").enabled()).as("the last write wins once the race is over").isFalse();
  }
}
