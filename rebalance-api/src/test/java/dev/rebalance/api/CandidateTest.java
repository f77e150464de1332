package dev.rebalance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Candidate} is a value: equality, hash code, text, validation and its builder. */
class CandidateTest {

  @Test
  void equalityHashAndTextAreThoseOfAValue() {
    Candidate a = Candidate.of("AAPL", new BigDecimal("7.5"));
    assertThat(a).isEqualTo(Candidate.of("AAPL", 7.5)).hasSameHashCodeAs(Candidate.of("AAPL", 7.5));
    assertThat(a).isNotEqualTo(Candidate.of("AAPL", new BigDecimal("7.50")));
    assertThat(a).isNotEqualTo(Candidate.of("MSFT", new BigDecimal("7.5")));
    assertThat(a).hasToString("Candidate{symbol=AAPL, score=7.5}");
  }

  @Test
  void invalidInputIsRejectedByName() {
    assertThatThrownBy(() -> Candidate.of(null, BigDecimal.ONE)).hasMessage("symbol");
    assertThatThrownBy(() -> Candidate.of("A", (BigDecimal) null)).hasMessage("score");
    assertThatThrownBy(() -> Candidate.of(" ", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("symbol must be 1 to 20 characters");
    assertThatThrownBy(() -> Candidate.of("A ", BigDecimal.ONE)).hasMessageEndingWith("was 'A '");
    assertThatThrownBy(() -> Candidate.of("A", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void theBuilderSetsMarketDataWithDefaults() {
    Candidate plain = Candidate.builder().symbol("KO").score(75.3).build();
    assertThat(plain).isEqualTo(Candidate.of("KO", new BigDecimal("75.3")));
    assertThat(plain.price()).isEmpty();
    assertThat(plain.fractionable()).isFalse();
    assertThat(plain.spreadBps()).isEqualTo(BigDecimal.ZERO);

    Candidate full =
        Candidate.builder()
            .symbol("KO")
            .score(new BigDecimal("75.3"))
            .price(new BigDecimal("61.20"))
            .fractionable(true)
            .spreadBps(new BigDecimal("4"))
            .build();
    assertThat(full.price()).contains(new BigDecimal("61.20"));
    assertThat(full.fractionable()).isTrue();
    assertThat(full.spreadBps()).isEqualTo(new BigDecimal("4"));
    assertThat(full).isNotEqualTo(plain);
    assertThat(full)
        .hasToString(
            "Candidate{symbol=KO, score=75.3, price=61.20, fractionable=true, spreadBps=4}");
    assertThat(Candidate.builder().symbol("KO").score(1).price(Optional.empty()).build().price())
        .isEmpty();
  }

  @Test
  void theBuilderRejectsMissingAndOutOfRangeValuesByName() {
    assertThatThrownBy(() -> Candidate.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("symbol")
        .hasMessageContaining("score");
    assertThatThrownBy(
            () -> Candidate.builder().symbol("KO").score(1).price(BigDecimal.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("price");
    assertThatThrownBy(
            () -> Candidate.builder().symbol("KO").score(1).spreadBps(new BigDecimal("-1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spreadBps");
  }
}
