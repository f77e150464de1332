package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainDecimalsTest {

  @ParameterizedTest(name = "score {0} prints {1}")
  @CsvSource({
    "10, 10.0",
    "10.00, 10.0",
    "1E+2, 100.0",
    "23.20, 23.2",
    "52.1, 52.1",
    "0.5, 0.5",
    "1, 1.0",
    "0, 0.0",
    "0.000, 0.0",
    "-7.90, -7.9",
    "0.000000001, 0.000000001",
    "123456789.123456789, 123456789.123456789"
  })
  void scoreText(String value, String text) {
    assertThat(ExplainDecimals.scoreText(new BigDecimal(value))).isEqualTo(text);
  }

  @Test
  void exactDifferenceOfTheSpecExample() {
    BigDecimal diff = new BigDecimal("18.4").subtract(new BigDecimal("8.4"));
    assertThat(ExplainDecimals.scoreText(diff)).isEqualTo("10.0");
    assertThat(ExplainDecimals.scoreText(new BigDecimal("75.3").subtract(new BigDecimal("52.1"))))
        .isEqualTo("23.2");
  }

  @ParameterizedTest(name = "qty {0} prints {1}")
  @CsvSource({
    "50, 50",
    "50.000, 50",
    "1E+2, 100",
    "0.5, 0.5",
    "0.50, 0.5",
    "0.617283945, 0.617283945",
    "0.123456789123, 0.123456789123",
    "0, 0",
    "0.000, 0"
  })
  void quantityText(String value, String text) {
    assertThat(ExplainDecimals.quantity(new BigDecimal(value))).isEqualTo(text);
  }

  @Test
  void scoreTextIsEqualCanonicalAndStable() {
    qt().forAll(
            longs().between(-1_000_000_000_000L, 1_000_000_000_000L), integers().between(-6, 20))
        .checkAssert(
            (unscaled, scale) -> {
              BigDecimal v = BigDecimal.valueOf(unscaled, scale);
              String text = ExplainDecimals.scoreText(v);
              assertThat(new BigDecimal(text)).isEqualByComparingTo(v);
              assertThat(text).matches("-?\\d+\\.\\d+").doesNotContain("E");
              // trailing zeros only as the single digit of ".0"
              assertThat(text.endsWith("0")).isEqualTo(text.endsWith(".0"));
              assertThat(ExplainDecimals.scoreText(new BigDecimal(text))).isEqualTo(text);
            });
  }

  @Test
  void quantityTextIsEqualAndHasNoTrailingZeros() {
    qt().forAll(longs().between(1, 1_000_000_000_000L), integers().between(-6, 20))
        .checkAssert(
            (unscaled, scale) -> {
              BigDecimal v = BigDecimal.valueOf(unscaled, scale);
              String text = ExplainDecimals.quantity(v);
              assertThat(new BigDecimal(text)).isEqualByComparingTo(v);
              assertThat(text).matches("\\d+(\\.\\d*[1-9])?");
            });
  }
}
