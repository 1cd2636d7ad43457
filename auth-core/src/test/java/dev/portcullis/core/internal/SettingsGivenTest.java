package dev.portcullis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsGivenTest {
  @Test
  void aSecondCallNamesTheSettingAndOthersAreTrackedApart() {
    SettingsGiven given = new SettingsGiven();
    given.once("realm");
    given.once("clock");
    assertThat(given.contains("realm")).isTrue();
    assertThat(given.contains("nonceKey")).isFalse();
    assertThatThrownBy(() -> given.once("realm")).isInstanceOf(IllegalStateException.class)
        .hasMessage("realm was already set");
  }
}
