package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link Main} sets up before a command runs. */
class MainTest {

  @Test
  void aLocaleProviderSettingGivenIsKept() {
    String before = System.getProperty("java.locale.providers");
    System.setProperty("java.locale.providers", "CLDR,COMPAT");
    try {
      Main.preferCompatLocaleData();
      assertThat(System.getProperty("java.locale.providers")).isEqualTo("CLDR,COMPAT");
    } finally {
      if (before == null) {
        System.clearProperty("java.locale.providers");
      } else {
        System.setProperty("java.locale.providers", before);
      }
    }
  }
}
