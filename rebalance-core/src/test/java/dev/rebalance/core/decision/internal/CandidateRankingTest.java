package dev.rebalance.core.decision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rebalance.api.Candidate;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link Candidates#ranksAbove} must order exactly as the decimals do, whatever the score key says;
 * the key (the nearest double) must never contradict the decimals.
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
    double kx = Candidates.key(x);
    double ky = Candidates.key(y);
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
              assertThat(Candidates.ranksAbove(a, b))
                  .as("%s above %s", a, b)
                  .isEqualTo(reference(a, b));
              assertThat(Candidates.ranksAbove(b, a))
                  .as("%s above %s", b, a)
                  .isEqualTo(reference(b, a));
            });
  }

  @Test
  void theKeyNeverContradictsTheDecimals() {
    qt().withExamples(20_000)
        .forAll(decimals(), decimals())
        .checkAssert((x, y) -> assertKeysAgree(x, y));
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
    // A double's key is the key of its shortest decimal (the score it gives), when that has one.
    qt().withExamples(20_000)
        .forAll(doubles().any(), doubles().between(-1e6, 1e6))
        .assuming((d, e) -> Double.isFinite(d))
        .checkAssert(
            (d, e) -> {
              double fromDecimal = Candidates.key(BigDecimal.valueOf(d));
              if (!Double.isNaN(fromDecimal)) {
                assertThat(Candidates.key(Candidate.of("X", d).score())).isEqualTo(fromDecimal);
              }
              Candidate a = Candidate.of("A", d);
              Candidate b = Candidate.of("B", e);
              assertThat(Candidates.ranksAbove(a, b))
                  .as("%s above %s", a, b)
                  .isEqualTo(reference(a, b));
              assertThat(Candidates.ranksAbove(b, a))
                  .as("%s above %s", b, a)
                  .isEqualTo(reference(b, a));
            });
  }

  @Test
  void theKeyIsTheNearestDoubleOfAShortDecimal() {
    assertThat(Candidates.key(new BigDecimal("12.34"))).isEqualTo(12.34);
    assertThat(Candidates.key(new BigDecimal("-123456789.012345"))).isEqualTo(-123456789.012345);
    assertThat(Candidates.key(new BigDecimal("1E+21"))).isEqualTo(1e21);
    // Longer decimals and extreme scales get no key, and so does a double whose shortest decimal
    // is longer than 15 digits: a candidate keeps no key of its own, the decision computes it from
    // the decimal.
    assertThat(Candidates.key(new BigDecimal("0.1234567890123456"))).isNaN();
    assertThat(Candidates.key(new BigDecimal("1E+400"))).isNaN();
    assertThat(Candidates.key(new BigDecimal("1E-400"))).isNaN();
    assertThat(Candidates.key(Candidate.of("A", 0.1234567890123456).score())).isNaN();
    assertThat(Candidates.key(Candidate.of("A", 0.123456789012345).score()))
        .isEqualTo(0.123456789012345);
  }

  @Test
  void aMissingKeyRanksByTheDecimals() {
    Candidate longer = Candidate.of("B", new BigDecimal("0.12345678901234567"));
    Candidate shorter = Candidate.of("A", new BigDecimal("0.1234567890123456"));
    assertThat(Candidates.ranksAbove(longer, shorter)).isTrue();
    assertThat(Candidates.ranksAbove(shorter, longer)).isFalse();
    Candidate same = Candidate.of("A", new BigDecimal("0.12345678901234567"));
    assertThat(Candidates.ranksAbove(same, longer)).isTrue();
    assertThat(Candidates.ranksAbove(longer, same)).isFalse();
  }

  @Test
  void scoresEqualAsDecimalsRankBySymbol() {
    Candidate a = Candidate.of("AAA", new BigDecimal("1.0"));
    Candidate b = Candidate.of("BBB", new BigDecimal("1.000"));
    assertThat(Candidates.ranksAbove(a, b)).isTrue();
    assertThat(Candidates.ranksAbove(b, a)).isFalse();
    assertThat(Candidates.ranksAbove(a, a)).isFalse();
  }

  @Test
  void aKeyedScoreAndAnUnkeyedOneRankByTheDecimals() {
    // 1.0 has a key; the 21-digit decimal has none, and sits just above it.
    Candidate keyed = Candidate.of("ZZZ", new BigDecimal("1.0"));
    Candidate unkeyed = Candidate.of("AAA", new BigDecimal("1.00000000000000000001"));
    assertThat(Candidates.key(keyed.score())).isEqualTo(1.0);
    assertThat(Candidates.key(unkeyed.score())).isNaN();
    assertThat(Candidates.ranksAbove(unkeyed, keyed)).isTrue();
    assertThat(Candidates.ranksAbove(keyed, unkeyed)).isFalse();
  }

  @Test
  void theExampleInTheEngineGuideHolds() {
    Candidate a = Candidate.of("TSLA", new BigDecimal("75.3"));
    Candidate b = Candidate.of("KO", 75.30);
    assertThat(Candidates.ranksAbove(a, b)).isFalse();
    assertThat(Candidates.ranksAbove(b, a)).isTrue();
  }
}
