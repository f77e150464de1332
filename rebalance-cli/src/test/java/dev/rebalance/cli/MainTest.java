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

  @Test
  void slf4jIsToldTheProviderAndASettingGivenIsKept() {
    String before = System.getProperty("slf4j.provider");
    try {
      System.clearProperty("slf4j.provider");
      Main.prepareProcess();
      assertThat(System.getProperty("slf4j.provider"))
          .isEqualTo("dev.rebalance.cli.log.CliLogProvider");
      System.setProperty("slf4j.provider", "org.example.Mine");
      Main.prepareProcess();
      assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.Mine");
    } finally {
      if (before == null) {
        System.clearProperty("slf4j.provider");
      } else {
        System.setProperty("slf4j.provider", before);
      }
    }
  }
}
