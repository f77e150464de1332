package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rebalance.alpaca.fake.FakeAlpaca;
import dev.rebalance.alpaca.fake.FakeSleeper;
import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.alpaca.fake.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 10: scrubbing caught only the exact secret. A server (or a proxy in front of it)
 * that echoes a credential lower-cased, URL-encoded or Base64-encoded (an HTTP Basic header) must
 * not leak it through an exception message or a log line; a body that is not Alpaca's error shape
 * is not quoted at all.
 */
class SecretScrubbingTest {
  private static final String KEY = "PKScrubKey/0123+456789";
  private static final String SECRET = "Scrub Secret/7f3e+9a1b=2c4d6e8f0a1b";

  static List<String> echoedForms() {
    Base64.Encoder b64 = Base64.getEncoder();
    return List.of(
        SECRET,
        SECRET.toLowerCase(Locale.ROOT),
        SECRET.toUpperCase(Locale.ROOT),
        URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
        b64.encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
        b64.encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)),
        KEY.toLowerCase(Locale.ROOT),
        URLEncoder.encode(KEY, StandardCharsets.UTF_8));
  }

  private static AlpacaBroker broker(FakeAlpaca fake, TestClock clock) {
    return AlpacaBroker.builder()
        .config(fake.config().maxAttempts(1).build())
        .clock(clock)
        .sleeper(new FakeSleeper(clock))
        .random(new Random(5))
        .build();
  }

  @ParameterizedTest
  @MethodSource("echoedForms")
  void anEchoedCredentialInAnyFormIsScrubbedFromAlpacasErrorMessage(String form) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-03T15:00:00Z"));
    try (LogCapture logs = new LogCapture();
        FakeAlpaca fake = new FakeAlpaca(clock, KEY, SECRET)) {
      fake.stub(
          "GET /v2/account",
          400,
          "{\"code\":40010000,\"message\":\"bad credentials: " + form + " rejected\"}");
      Throwable t = catchThrowable(() -> broker(fake, clock).account());
      assertThat(t)
          .isInstanceOf(AlpacaException.class)
          .hasMessageContaining("bad credentials: **** rejected");
      assertThat(((AlpacaException) t).alpacaMessage()).contains("bad credentials: **** rejected");
      assertThat(t.getMessage()).doesNotContain(form);
      assertThat(String.join("\n", logs.lines())).doesNotContain(form);
    }
  }

  @Test
  void aBodyNotInAlpacasErrorShapeIsNeverQuoted() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-03T15:00:00Z"));
    try (FakeAlpaca fake = new FakeAlpaca(clock, KEY, SECRET)) {
      String echo =
          "<html><body>504 Gateway Time-out; request header Authorization: Basic "
              + Base64.getEncoder()
                  .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8))
              + " x-key "
              + new StringBuilder(SECRET).reverse()
              + "</body></html>";
      fake.stub("GET /v2/clock", 504, echo);
      Throwable t = catchThrowable(() -> broker(fake, clock).clock());
      assertThat(t)
          .isInstanceOf(AlpacaServerException.class)
          .hasMessage(
              "GET /v2/clock returned HTTP 504: (body not in Alpaca's error format, "
                  + echo.length()
                  + " characters, not quoted)");
    }
  }
}
