package dev.rebalance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link Candidate#ranksAbove} must order exactly as the decimals do, whatever the stored score key
 * says; the key (the nearest double) must never contradict the decimals.
 */
class CandidateRankingTest {

  /** Decimals of every shape: tiny and huge scales, 1 to 40 digits, both signs, zero. */
  private static Gen<BigDecimal> decimals() {
    Gen<BigInteger> unscaled =
        integers()
            .between(0, 3)
            .zip(
                longs().all(),
                longs().between(-20, 20),
                (size, a, b) -> {
                  switch (size) {
                    case 0:
                      return BigInteger.valueOf(b);
                    case 1:
                      return BigInteger.valueOf(a);
                    case 2:
                      return BigInteger.valueOf(a).multiply(BigInteger.valueOf(a));
                    default:
                      return BigInteger.valueOf(a).shiftLeft(70);
                  }
                });
    return unscaled.zip(integers().between(-25, 25), BigDecimal::new);
  }

  private static boolean reference(Candidate a, Candidate b) {
    int c = a.score().compareTo(b.score());
    return c > 0 || (c == 0 && a.symbol().compareTo(b.symbol()) < 0);
  }

  private static void assertKeysAgree(BigDecimal x, BigDecimal y) {
    double kx = Candidate.of("X", x).scoreKey();
    double ky = Candidate.of("Y", y).scoreKey();
    if (Double.isNaN(kx) || Double.isNaN(ky)) {
      // No key, no claim: ranksAbove compares the decimals.
      return;
    }
    if (x.compareTo(y) <= 0) {
      assertThat(kx).as("key(%s) <= key(%s)", x, y).isLessThanOrEqualTo(ky);
    } else {
      assertThat(kx).as("key(%s) >= key(%s)", x, y).isGreaterThanOrEqualTo(ky);
    }
  }

  @Test
  void ranksExactlyAsTheDecimalsThenTheSymbol() {
    qt().withExamples(20_000)
        .forAll(decimals(), decimals(), integers().between(0, 2))
        .checkAssert(
            (x, y, symbols) -> {
              Candidate a = Candidate.of(symbols == 1 ? "B" : "A", x);
              Candidate b = Candidate.of(symbols == 2 ? "A" : "B", y);
              assertThat(a.ranksAbove(b)).as("%s above %s", a, b).isEqualTo(reference(a, b));
              assertThat(b.ranksAbove(a)).as("%s above %s", b, a).isEqualTo(reference(b, a));
            });
  }

  @Test
  void theKeyNeverContradictsTheDecimals() {
    qt().withExamples(20_000).forAll(decimals(), decimals()).checkAssert((x, y) -> assertKeysAgree(x, y));
  }

  @Test
  void theKeyNeverContradictsDecimalsOneUnitApart() {
    // Neighbours, the hardest case for a rounded key: y = x + one unit in x's last place, at
    // scales and digit counts on both sides of where a double stops being exact.
    qt().withExamples(20_000)
        .forAll(decimals(), integers().between(-1, 1))
        .checkAssert(
            (x, step) -> {
              BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-x.scale());
              BigDecimal y = x.add(unit.multiply(BigDecimal.valueOf(step)));
              assertKeysAgree(x, y);
              assertKeysAgree(y, x);
            });
  }

  @Test
  void aDoubleScoreKeysAsItsDecimalWouldAndRanksExactly() {
    // A double's key is the double itself: the key its decimal gets, when it gets one.
    qt().withExamples(20_000)
        .forAll(doubles().any(), doubles().between(-1e6, 1e6))
        .assuming((d, e) -> Double.isFinite(d))
        .checkAssert(
            (d, e) -> {
              double fromDecimal = Candidate.of("X", BigDecimal.valueOf(d)).scoreKey();
              if (!Double.isNaN(fromDecimal)) {
                assertThat(Candidate.of("X", d).scoreKey()).isEqualTo(fromDecimal);
              }
              Candidate a = Candidate.of("A", d);
              Candidate b = Candidate.of("B", e);
              assertThat(a.ranksAbove(b)).as("%s above %s", a, b).isEqualTo(reference(a, b));
              assertThat(b.ranksAbove(a)).as("%s above %s", b, a).isEqualTo(reference(b, a));
            });
  }

  @Test
  void theKeyIsTheNearestDoubleOfAShortDecimal() {
    assertThat(Candidate.of("A", new BigDecimal("12.34")).scoreKey()).isEqualTo(12.34);
    assertThat(Candidate.of("A", new BigDecimal("-123456789.012345")).scoreKey())
        .isEqualTo(-123456789.012345);
    assertThat(Candidate.of("A", new BigDecimal("1E+21")).scoreKey()).isEqualTo(1e21);
    // Longer decimals and extreme scales get no key; doubles always have one.
    assertThat(Candidate.of("A", new BigDecimal("0.1234567890123456")).scoreKey()).isNaN();
    assertThat(Candidate.of("A", new BigDecimal("1E+400")).scoreKey()).isNaN();
    assertThat(Candidate.of("A", new BigDecimal("1E-400")).scoreKey()).isNaN();
    assertThat(Candidate.of("A", 0.1234567890123456).scoreKey()).isEqualTo(0.1234567890123456);
  }

  @Test
  void aMissingKeyRanksByTheDecimals() {
    Candidate longer = Candidate.of("B", new BigDecimal("0.12345678901234567"));
    Candidate shorter = Candidate.of("A", new BigDecimal("0.1234567890123456"));
    assertThat(longer.ranksAbove(shorter)).isTrue();
    assertThat(shorter.ranksAbove(longer)).isFalse();
    Candidate same = Candidate.of("A", new BigDecimal("0.12345678901234567"));
    assertThat(same.ranksAbove(longer)).isTrue();
    assertThat(longer.ranksAbove(same)).isFalse();
  }

  @Test
  void scoresEqualAsDecimalsRankBySymbol() {
    Candidate a = Candidate.of("AAA", new BigDecimal("1.0"));
    Candidate b = Candidate.of("BBB", new BigDecimal("1.000"));
    assertThat(a.ranksAbove(b)).isTrue();
    assertThat(b.ranksAbove(a)).isFalse();
    assertThat(a.ranksAbove(a)).isFalse();
  }

  @Test
  void aKeyedScoreAndAnUnkeyedOneRankByTheDecimals() {
    // 1.0 has a key; the 21-digit decimal has none, and sits just above it.
    Candidate keyed = Candidate.of("ZZZ", new BigDecimal("1.0"));
    Candidate unkeyed = Candidate.of("AAA", new BigDecimal("1.00000000000000000001"));
    assertThat(keyed.scoreKey()).isEqualTo(1.0);
    assertThat(unkeyed.scoreKey()).isNaN();
    assertThat(unkeyed.ranksAbove(keyed)).isTrue();
    assertThat(keyed.ranksAbove(unkeyed)).isFalse();
  }

  @Test
  void theExampleInTheEngineGuideHolds() {
    Candidate a = Candidate.of("TSLA", new BigDecimal("75.3"));
    Candidate b = Candidate.of("KO", 75.30);
    assertThat(a.ranksAbove(b)).isFalse();
    assertThat(b.ranksAbove(a)).isTrue();
  }

  @Test
  void equalityHashAndTextAreThoseOfAValue() {
    Candidate a = Candidate.of("AAPL", new BigDecimal("7.5"));
    assertThat(a.symbolHash()).isEqualTo("AAPL".hashCode());
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
    assertThatThrownBy(() -> Candidate.of("A ", BigDecimal.ONE))
        .hasMessageEndingWith("was 'A '");
    assertThatThrownBy(() -> Candidate.of("A", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
