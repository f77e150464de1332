package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 7: {@link LockCommand#expiry}, which {@code lock --until} and the dashboard's lock
 * endpoint share, turns every overflowing value into an {@link IllegalArgumentException} naming
 * {@code --until} (exit 2 in the CLI, 400 in the dashboard), never an ArithmeticException or a
 * DateTimeException.
 */
class LockExpiryTest {
  private static final Instant NOW = Instant.parse("2025-11-25T16:00:00Z");

  @Test
  void overflowingValuesAreIllegalArguments() {
    for (String v :
        new String[] {
          "PT9223372036854775807S",
          "P106751991167300D",
          "PT2562047788015215H",
          "999999999w",
          "-PT9223372036854775808S",
          "+1000000000-01-01T00:00:00Z",
          "P36526D"
        }) {
      assertThatThrownBy(() -> LockCommand.expiry(v, NOW))
          .as(v)
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--until");
    }
  }

  @Test
  void theFurthestExpiryIsAHundredYears() {
    assertThat(LockCommand.expiry("P36525D", NOW)).isEqualTo(NOW.plus(Duration.ofDays(36_525)));
    assertThat(LockCommand.expiry("2w", NOW)).isEqualTo(NOW.plus(Duration.ofDays(14)));
  }
}
