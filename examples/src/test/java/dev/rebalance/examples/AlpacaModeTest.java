package dev.rebalance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --broker alpaca} checks its configuration before touching the network. */
class AlpacaModeTest {

  private static String[] run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = ExampleBot.run(o, e, false, env, args);
    }
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void aLiveBaseUrlIsRefusedWithoutLive() {
    Map<String, String> env =
        Map.of(
            "APCA_API_KEY_ID",
            "PKTESTKEY",
            "APCA_API_SECRET_KEY",
            "not-a-real-secret",
            "APCA_API_BASE_URL",
            "https://api.alpaca.markets",
            "REBALANCE_ALPACA_ALLOW_LIVE",
            "true");
    String[] r = run(env, "--broker", "alpaca", "--store", "memory:");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .startsWith("error: ")
        .contains("live")
        .contains("--live")
        .doesNotContain("not-a-real-secret");
    assertThat(r[1]).isEmpty();
  }

  @Test
  void missingKeysAreNamed() {
    String[] r = run(Map.of(), "--broker", "alpaca", "--store", "memory:");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("APCA_API_KEY_ID");
  }

  @Test
  void withLiveTheLiveUrlIsAccepted() {
    Map<String, String> env =
        Map.of(
            "APCA_API_KEY_ID",
            "PKTESTKEY",
            "APCA_API_SECRET_KEY",
            "not-a-real-secret",
            "APCA_API_BASE_URL",
            "https://api.alpaca.markets");
    assertThat(AlpacaMode.config(env, true).isLive()).isTrue();
    assertThat(
            AlpacaMode.config(Map.of("APCA_API_KEY_ID", "k", "APCA_API_SECRET_KEY", "s"), false)
                .isLive())
        .isFalse();
  }
}
