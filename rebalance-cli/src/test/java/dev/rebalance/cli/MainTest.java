package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What {@link Main} sets up before a command runs. */
class MainTest {

  /**
   * Runs {@code body} with the system property {@code name} set to {@code value}, then restores it.
   */
  private static void withProperty(String name, @Nullable String value, Runnable body) {
    String before = System.getProperty(name);
    try {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }

  @Test
  void aLocaleProviderSettingGivenIsKept() {
    withProperty(
        "java.locale.providers",
        "CLDR,COMPAT",
        () -> {
          Main.preferCompatLocaleData();
          assertThat(System.getProperty("java.locale.providers")).isEqualTo("CLDR,COMPAT");
        });
  }

  @Test
  void slf4jIsToldTheProviderAndASettingGivenIsKept() {
    withProperty(
        "slf4j.provider",
        null,
        () -> {
          Main.prepareProcess();
          assertThat(System.getProperty("slf4j.provider"))
              .isEqualTo("dev.rebalance.cli.log.CliLogProvider");
        });
    withProperty(
        "slf4j.provider",
        "org.example.Mine",
        () -> {
          Main.prepareProcess();
          assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.Mine");
        });
  }
}
