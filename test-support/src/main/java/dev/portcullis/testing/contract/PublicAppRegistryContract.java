package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PublicAppRegistry} must do (its Javadoc's Contract): {@code find} returns the
 * registered app with its consumer key, empty for any other string (never an exception: the id
 * comes from the URL), and is a plain read that concurrent callers agree on. Extend it and implement
 * {@link #newRegistry}.
 */
public abstract class PublicAppRegistryContract {
  private static final PublicApp MAILER = new PublicApp("bec40eec", "demo_consumer_key");
  private static final PublicApp NOTES = new PublicApp("0123abcd", "notes_consumer_key");

  /** A registry holding exactly {@code apps}. */
  protected abstract PublicAppRegistry newRegistry(List<PublicApp> apps);

  @Test
  void findsEachRegisteredAppWithItsConsumer() {
    PublicAppRegistry apps = newRegistry(List.of(MAILER, NOTES));
    assertThat(apps.find("bec40eec")).contains(MAILER);
    assertThat(apps.find("0123abcd")).map(PublicApp::consumerKey).contains("notes_consumer_key");
    assertThat(apps.find("bec40eec")).as("a read changes nothing").contains(MAILER);
  }

  @Test
  void anyOtherIdIsEmptyNeverAnException() {
    PublicAppRegistry apps = newRegistry(List.of(MAILER));
    for (String id : new String[] {"deadbeef", "BEC40EEC", "bec40ee", "bec40eecc", " bec40eec", "bec40eec ",
        "", "../../x", "bec40eec/..", "%62ec40eec", "bec40eec\u0000", "x".repeat(10_000), "bëc40eec"}) {
      assertThat(apps.find(id)).as("%s", id.length() > 20 ? id.substring(0, 20) + "..." : id).isEmpty();
    }
  }

  @Test
  void anEmptyRegistryFindsNothing() {
    assertThat(newRegistry(List.of()).find("bec40eec")).isEmpty();
  }

  @Test
  void concurrentReadsAgree() throws Exception {
    PublicAppRegistry apps = newRegistry(List.of(MAILER, NOTES));
    int agree = Races.winners(8, t -> t % 2 == 0
        ? apps.find("bec40eec").equals(Optional.of(MAILER))
        : apps.find("deadbeef").isEmpty());
    assertThat(agree).isEqualTo(8);
  }
}
