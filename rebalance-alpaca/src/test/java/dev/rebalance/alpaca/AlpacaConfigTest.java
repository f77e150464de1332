package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlpacaConfigTest {
  private static final String CANARY_KEY = "PKCANARY7Q2ZKEYIDXYZ";
  private static final String CANARY_SECRET = "canary-secret-9f8e7d6c5b4a3928171615141312";

  @Test
  void defaultsToPaperAndAlpacasDataUrl() {
    AlpacaConfig c =
        AlpacaConfig.fromEnvironment(
            Map.of("APCA_API_KEY_ID", CANARY_KEY, "APCA_API_SECRET_KEY", CANARY_SECRET));
    assertThat(c.baseUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
    assertThat(c.dataUrl()).isEqualTo(URI.create("https://data.alpaca.markets"));
    assertThat(c.streamUrl()).isEqualTo(URI.create("wss://paper-api.alpaca.markets/stream"));
    assertThat(c.isLive()).isFalse();
    assertThat(c.requestsPerMinute()).isEqualTo(200);
    assertThat(c.keyId()).isEqualTo(CANARY_KEY);
    assertThat(c.secretKey()).isEqualTo(CANARY_SECRET);
  }

  @Test
  void readsUrlsFromTheEnvironmentAndDropsATrailingV2() {
    AlpacaConfig c =
        AlpacaConfig.fromEnvironment(
            Map.of(
                "APCA_API_KEY_ID",
                CANARY_KEY,
                "APCA_API_SECRET_KEY",
                CANARY_SECRET,
                "APCA_API_BASE_URL",
                "https://paper-api.alpaca.markets/v2/",
                "APCA_API_DATA_URL",
                "http://localhost:9999"));
    assertThat(c.baseUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
    assertThat(c.dataUrl()).isEqualTo(URI.create("http://localhost:9999"));
  }

  @Test
  void missingKeysNameTheVariable() {
    assertThatThrownBy(
            () -> AlpacaConfig.fromEnvironment(Map.of("APCA_API_SECRET_KEY", CANARY_SECRET)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("APCA_API_KEY_ID");
    assertThatThrownBy(
            () ->
                AlpacaConfig.fromEnvironment(
                    Map.of("APCA_API_KEY_ID", CANARY_KEY, "APCA_API_SECRET_KEY", " ")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("APCA_API_SECRET_KEY");
    assertThatThrownBy(() -> AlpacaConfig.builder().keyId(CANARY_KEY).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("secretKey");
  }

  @Test
  void liveUrlNeedsAnExplicitOptIn() {
    Map<String, String> env =
        Map.of(
            "APCA_API_KEY_ID",
            CANARY_KEY,
            "APCA_API_SECRET_KEY",
            CANARY_SECRET,
            "APCA_API_BASE_URL",
            "https://api.alpaca.markets");
    assertThatThrownBy(() -> AlpacaConfig.fromEnvironment(env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("live trading URL")
        .hasMessageContaining("allowLive");
    AlpacaConfig live = AlpacaConfig.builder().environment(env).allowLive(true).build();
    assertThat(live.isLive()).isTrue();
    assertThat(live.streamUrl()).isEqualTo(URI.create("wss://api.alpaca.markets/stream"));
    java.util.HashMap<String, String> optIn = new java.util.HashMap<>(env);
    optIn.put("REBALANCE_ALPACA_ALLOW_LIVE", "true");
    assertThat(AlpacaConfig.fromEnvironment(optIn).isLive()).isTrue();
    optIn.put("REBALANCE_ALPACA_ALLOW_LIVE", "yes");
    assertThatThrownBy(() -> AlpacaConfig.fromEnvironment(optIn))
        .hasMessageContaining("REBALANCE_ALPACA_ALLOW_LIVE");
  }

  @Test
  void plainHttpOnlyForLoopback() {
    assertThatThrownBy(() -> base().baseUrl(URI.create("http://example.com")).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("baseUrl must use https");
    assertThat(base().baseUrl(URI.create("http://127.0.0.1:8080")).build().streamUrl())
        .isEqualTo(URI.create("ws://127.0.0.1:8080/stream"));
  }

  @Test
  void limitsAreValidatedWithTheFieldName() {
    assertThatThrownBy(() -> base().requestsPerMinute(0).build())
        .hasMessageContaining("requestsPerMinute must be in [1, 100000], was 0");
    assertThatThrownBy(() -> base().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> base().requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout must be > 0");
    assertThatThrownBy(
            () ->
                base()
                    .initialBackoff(Duration.ofSeconds(5))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("maxBackoff must be >= initialBackoff");
  }

  @Test
  void toStringRedactsTheKeys() {
    AlpacaConfig c = base().build();
    assertThat(c.toString())
        .doesNotContain(CANARY_KEY)
        .doesNotContain(CANARY_SECRET)
        .contains("****");
    assertThat(c.toString()).contains("paper-api.alpaca.markets");
  }

  private static AlpacaConfig.Builder base() {
    return AlpacaConfig.builder().keyId(CANARY_KEY).secretKey(CANARY_SECRET);
  }
}
