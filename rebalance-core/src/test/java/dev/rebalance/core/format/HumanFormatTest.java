package dev.rebalance.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 15, friction 8: the one formatter for figures and times shown to people. */
class HumanFormatTest {

  @Test
  void theIssuesFiguresReadForPeople() {
    assertThat(HumanFormat.money(new BigDecimal("9239.0136988457124"))).isEqualTo("9,239.01");
    assertThat(HumanFormat.percent(new BigDecimal("-0.0268338705"))).isEqualTo("-2.68%");
    assertThat(HumanFormat.score(new BigDecimal("25.4941176471"))).isEqualTo("25.49");
  }

  @Test
  void moneyRoundsHalfEvenToCents() {
    assertThat(HumanFormat.money(new BigDecimal("0.125"))).isEqualTo("0.12");
    assertThat(HumanFormat.money(new BigDecimal("0.135"))).isEqualTo("0.14");
    assertThat(HumanFormat.money(new BigDecimal("-1234567.5"))).isEqualTo("-1,234,567.50");
    assertThat(HumanFormat.money(Optional.empty())).isEqualTo("-");
  }

  @Test
  void signsAndZeros() {
    assertThat(HumanFormat.scoreDiff(new BigDecimal("23.199999999999996"))).isEqualTo("+23.20");
    assertThat(HumanFormat.scoreDiff(new BigDecimal("-0.001"))).isEqualTo("0.00");
    assertThat(HumanFormat.signedPercent(new BigDecimal("0.2"))).isEqualTo("+20.00%");
    assertThat(HumanFormat.signedPercent(BigDecimal.ZERO)).isEqualTo("0.00%");
  }

  @Test
  void quantitiesAreExact() {
    assertThat(HumanFormat.quantity(new BigDecimal("10.500000000"))).isEqualTo("10.5");
    assertThat(HumanFormat.quantity(new BigDecimal("0.000000001"))).isEqualTo("0.000000001");
    assertThat(HumanFormat.quantity(new BigDecimal("1E+2"))).isEqualTo("100");
    assertThat(HumanFormat.quantity(new BigDecimal("0.000"))).isEqualTo("0");
  }

  @Test
  void timesCarryTheirZone() {
    Instant t = Instant.parse("2025-11-25T16:00:00.987Z");
    assertThat(HumanFormat.time(t, ZoneOffset.UTC)).isEqualTo("2025-11-25 16:00:00 UTC");
    assertThat(HumanFormat.time(t, ZoneId.of("UTC"))).isEqualTo("2025-11-25 16:00:00 UTC");
    assertThat(HumanFormat.time(t, ZoneId.of("America/New_York")))
        .isEqualTo("2025-11-25 11:00:00 America/New_York");
  }

  @Test
  void durations() {
    assertThat(HumanFormat.duration(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(HumanFormat.duration(Duration.ofMinutes(117))).isEqualTo("1h 57m");
    assertThat(HumanFormat.duration(Duration.ofHours(120).plusMinutes(30))).isEqualTo("5d 0h");
    assertThat(HumanFormat.duration(Duration.ofSeconds(-1))).isEqualTo("-");
  }

  @Test
  void aZoneIsReadFromItsIdAndABadOneIsNamedWithTheFormExpected() {
    assertThat(HumanFormat.parseZone(" America/New_York "))
        .isEqualTo(ZoneId.of("America/New_York"));
    assertThat(HumanFormat.parseZone("UTC")).isEqualTo(ZoneId.of("UTC"));
    assertThatThrownBy(() -> HumanFormat.parseZone("Mars/Olympus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a zone id such as UTC or America/New_York, was 'Mars/Olympus'");
  }
}
