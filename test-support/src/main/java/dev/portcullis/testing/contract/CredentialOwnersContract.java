package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.oauth1.PublicApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialOwners} must do (its Javadoc's Contract): claims are recorded whole,
 * a taken API key, consumer or App ID is refused and changes nothing, of racing claims exactly one
 * wins, and {@code find} answers only claimed App IDs. Extend it and implement {@link #newOwners}.
 */
public abstract class CredentialOwnersContract {

  /** A new, empty store. */
  protected abstract CredentialOwners newOwners();

  @Test
  void aClaimedKeyIsListedForItsOwnerOnly() {
    CredentialOwners o = newOwners();
    assertThat(o.claimApiKey("acme", "k1")).isTrue();
    assertThat(o.claimApiKey("acme", "k2")).isTrue();
    assertThat(o.claimApiKey("globex", "k3")).isTrue();
    assertThat(o.apiKeys("acme")).containsExactlyInAnyOrder("k1", "k2");
    assertThat(o.apiKeys("globex")).containsExactly("k3");
    assertThat(o.apiKeys("nobody")).isEmpty();
    assertThat(o.apiKeys("ACME")).as("accounts are exact, not case-folded").isEmpty();
  }

  @Test
  void aTakenKeyIsRefusedAndKeepsItsOwner() {
    CredentialOwners o = newOwners();
    assertThat(o.claimApiKey("acme", "k1")).isTrue();
    assertThat(o.claimApiKey("globex", "k1")).as("another account").isFalse();
    assertThat(o.claimApiKey("acme", "k1")).as("the owner again").isFalse();
    assertThat(o.apiKeys("acme")).containsExactly("k1");
    assertThat(o.apiKeys("globex")).isEmpty();
    assertThat(o.claimApiKey("globex", "K1")).as("keys are exact: another key").isTrue();
    assertThat(o.claimApiKey("globex", "k1 ")).isTrue();
    assertThat(o.apiKeys("acme")).containsExactly("k1");
  }

  @Test
  void aClaimedConsumerIsListedOldestFirstWithItsAppId() {
    CredentialOwners o = newOwners();
    assertThat(o.claimConsumer("acme", "c-b", "bec40eec")).isTrue();
    assertThat(o.claimConsumer("acme", "c-a", "0123abcd")).isTrue();
    assertThat(o.claimConsumer("acme", "c-c", "ffffffff")).isTrue();
    assertThat(o.claimConsumer("globex", "c-g", "00000000")).isTrue();
    assertThat(o.consumers("acme")).as("oldest claim first, not sorted").containsExactly("c-b", "c-a", "c-c");
    assertThat(o.consumers("globex")).containsExactly("c-g");
    assertThat(o.consumers("nobody")).isEmpty();
    assertThat(o.appIdOf("c-a")).contains("0123abcd");
    assertThat(o.appIdOf("c-g")).contains("00000000");
    assertThat(o.appIdOf("c-unknown")).isEmpty();
    assertThat(o.find("bec40eec")).contains(new PublicApp("bec40eec", "c-b"));
    assertThat(o.find("00000000")).contains(new PublicApp("00000000", "c-g"));
    assertThat(o.apiKeys("acme")).as("consumers are not API keys").isEmpty();
  }

  @Test
  void aTakenConsumerIsRefusedAndItsFirstClaimStandsWhole() {
    CredentialOwners o = newOwners();
    assertThat(o.claimConsumer("acme", "c1", "bec40eec")).isTrue();
    assertThat(o.claimConsumer("globex", "c1", "0123abcd")).as("another account, a free App ID").isFalse();
    assertThat(o.claimConsumer("acme", "c1", "0123abcd")).as("the owner, a second App ID").isFalse();
    assertThat(o.claimConsumer("acme", "c1", "bec40eec")).as("the very same claim again").isFalse();
    assertThat(o.consumers("acme")).containsExactly("c1");
    assertThat(o.consumers("globex")).isEmpty();
    assertThat(o.appIdOf("c1")).contains("bec40eec");
    assertThat(o.find("0123abcd")).as("the refused App ID was not recorded").isEmpty();
    assertThat(o.claimConsumer("globex", "c2", "0123abcd")).as("so it is still free").isTrue();
  }

  @Test
  void aTakenAppIdIsRefusedAndTheConsumerStaysUnclaimed() {
    CredentialOwners o = newOwners();
    assertThat(o.claimConsumer("acme", "c1", "bec40eec")).isTrue();
    assertThat(o.claimConsumer("globex", "c2", "bec40eec")).isFalse();
    assertThat(o.claimConsumer("acme", "c2", "bec40eec")).isFalse();
    assertThat(o.find("bec40eec")).contains(new PublicApp("bec40eec", "c1"));
    assertThat(o.consumers("globex")).isEmpty();
    assertThat(o.consumers("acme")).containsExactly("c1");
    assertThat(o.appIdOf("c2")).isEmpty();
    assertThat(o.claimConsumer("globex", "c2", "0123abcd")).as("no half claim left c2 taken").isTrue();
    assertThat(o.consumers("globex")).containsExactly("c2");
  }

  @Test
  void somethingThatIsNotAnAppIdIsRejectedAndChangesNothing() {
    CredentialOwners o = newOwners();
    for (String bad : new String[] {"BEC40EEC", "bec40ee", "bec40eecc", "", " bec40eec", "bec40eeg", "bëc40eec"}) {
      assertThatThrownBy(() -> o.claimConsumer("acme", "c1", bad)).as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(o.consumers("acme")).isEmpty();
    assertThat(o.appIdOf("c1")).isEmpty();
    assertThat(o.claimConsumer("acme", "c1", "bec40eec")).isTrue();
  }

  @Test
  void findAnswersOnlyClaimedAppIdsNeverAnException() {
    CredentialOwners o = newOwners();
    o.claimConsumer("acme", "c1", "bec40eec");
    o.claimApiKey("acme", "deadbeef");
    for (String id : new String[] {"deadbeef", "BEC40EEC", "bec40ee", "bec40eecc", " bec40eec", "bec40eec ",
        "", "../../x", "bec40eec/..", "%62ec40eec", "bec40eec\u0000", "x".repeat(10_000), "bëc40eec", "c1"}) {
      assertThat(o.find(id)).as("%s", id.length() > 20 ? id.substring(0, 20) + "..." : id).isEmpty();
    }
    assertThat(o.find("bec40eec")).contains(new PublicApp("bec40eec", "c1"));
  }

  @Test
  void aReturnedListIsASnapshot() {
    CredentialOwners o = newOwners();
    o.claimApiKey("acme", "k1");
    o.claimConsumer("acme", "c1", "bec40eec");
    var keys = o.apiKeys("acme");
    List<String> consumers = o.consumers("acme");
    o.claimApiKey("acme", "k2");
    o.claimConsumer("acme", "c2", "0123abcd");
    assertThat(keys).containsExactly("k1");
    assertThat(consumers).containsExactly("c1");
  }

  @Test
  void racingClaimsOfOneKeyHaveOneWinnerAndItIsTheOwner() throws Exception {
    CredentialOwners o = newOwners();
    for (int round = 0; round < 20; round++) {
      String key = "k" + round;
      AtomicReference<String> winner = new AtomicReference<>();
      int wins = Races.winners(8, t -> {
        boolean won = o.claimApiKey("acct" + t, key);
        if (won) {
          winner.set("acct" + t);
        }
        return won;
      });
      assertThat(wins).as("winners for %s", key).isEqualTo(1);
      for (int t = 0; t < 8; t++) {
        String account = "acct" + t;
        assertThat(o.apiKeys(account).contains(key)).as("%s owns %s", account, key)
            .isEqualTo(account.equals(winner.get()));
      }
    }
  }

  @Test
  void racingClaimsOfOneConsumerHaveOneWinnerWithItsOwnAppId() throws Exception {
    CredentialOwners o = newOwners();
    for (int round = 0; round < 20; round++) {
      String consumer = "c" + round;
      AtomicReference<String> winnerId = new AtomicReference<>();
      int base = round * 16;
      int wins = Races.winners(8, t -> {
        String appId = String.format("%08x", base + t);
        boolean won = o.claimConsumer("acct" + t, consumer, appId);
        if (won) {
          winnerId.set(appId);
        }
        return won;
      });
      assertThat(wins).as("winners for %s", consumer).isEqualTo(1);
      assertThat(o.appIdOf(consumer)).contains(winnerId.get());
      int owners = 0;
      for (int t = 0; t < 8; t++) {
        String appId = String.format("%08x", base + t);
        Optional<PublicApp> found = o.find(appId);
        assertThat(found.isPresent()).as("App ID %s recorded", appId).isEqualTo(appId.equals(winnerId.get()));
        owners += o.consumers("acct" + t).contains(consumer) ? 1 : 0;
      }
      assertThat(owners).as("owners of %s", consumer).isEqualTo(1);
    }
  }

  @Test
  void racingClaimsOfOneAppIdHaveOneWinner() throws Exception {
    CredentialOwners o = newOwners();
    for (int round = 0; round < 20; round++) {
      String appId = String.format("a%07x", round);
      int r = round;
      AtomicReference<String> winner = new AtomicReference<>();
      int wins = Races.winners(8, t -> {
        String consumer = "c" + r + "-" + t;
        boolean won = o.claimConsumer("acme", consumer, appId);
        if (won) {
          winner.set(consumer);
        }
        return won;
      });
      assertThat(wins).as("winners for %s", appId).isEqualTo(1);
      assertThat(o.find(appId)).contains(new PublicApp(appId, winner.get()));
    }
    assertThat(o.consumers("acme")).as("one consumer per App ID, no half claims").hasSize(20);
  }

  @Test
  void concurrentClaimsOfDifferentConsumersAllWinAndAllAreListed() throws Exception {
    CredentialOwners o = newOwners();
    int wins = Races.winners(8, t -> o.claimConsumer("acme", "c" + t, String.format("%08x", t))
        && o.claimApiKey("acme", "k" + t));
    assertThat(wins).isEqualTo(8);
    List<String> expected = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      expected.add("c" + t);
      assertThat(o.find(String.format("%08x", t))).contains(new PublicApp(String.format("%08x", t), "c" + t));
    }
    assertThat(o.consumers("acme")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(o.apiKeys("acme")).hasSize(8);
  }
}
