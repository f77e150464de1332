package dev.rebalance.core;

import static dev.rebalance.core.Fixtures.LONG_AGO;
import static dev.rebalance.core.Fixtures.NOW;
import static dev.rebalance.core.Fixtures.fractional;
import static dev.rebalance.core.Fixtures.lock;
import static dev.rebalance.core.Fixtures.lockUntil;
import static dev.rebalance.core.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rebalance.api.PositionLock;
import dev.rebalance.core.decision.CooldownPolicy;
import dev.rebalance.core.decision.HoldTimePolicy;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.tracking.LockRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  @Test
  void holdTimeIsInclusiveAtTheMinimum() {
    HoldTimePolicy p = HoldTimePolicy.minimum(Duration.ofMinutes(30));
    assertThat(p.isHeldLongEnough(NOW.minus(Duration.ofMinutes(30)), NOW)).isTrue();
    assertThat(p.isHeldLongEnough(NOW.minus(Duration.ofMinutes(30)).plusNanos(1), NOW)).isFalse();
    assertThat(p.isHeldLongEnough(LONG_AGO, NOW)).isTrue();
  }

  @Test
  void zeroHoldTimeAcceptsNowButNotTheFuture() {
    HoldTimePolicy p = HoldTimePolicy.minimum(Duration.ZERO);
    assertThat(p.isHeldLongEnough(NOW, NOW)).isTrue();
    assertThat(p.isHeldLongEnough(NOW.plusNanos(1), NOW)).isFalse();
  }

  @Test
  void holdTimeAgreesWithDurationArithmeticToTheNanosecond() {
    // Seconds and nanos both vary, so borrows across the second boundary are exercised.
    qt().withExamples(20_000)
        .forAll(
            longs().between(-1_000_000, 1_000_000),
            integers().between(0, 999_999_999),
            longs().between(0, 1_000_000),
            integers().between(0, 999_999_999))
        .checkAssert(
            (ageSeconds, ageNanos, minSeconds, minNanos) -> {
              Duration min = Duration.ofSeconds(minSeconds, minNanos);
              java.time.Instant entry = NOW.minusSeconds(ageSeconds).minusNanos(ageNanos);
              boolean expected = Duration.between(entry, NOW).compareTo(min) >= 0;
              assertThat(HoldTimePolicy.minimum(min).isHeldLongEnough(entry, NOW))
                  .as("entry %s, min %s", entry, min)
                  .isEqualTo(expected);
            });
  }

  @Test
  void holdTimeHandlesExtremeInstants() {
    HoldTimePolicy p = HoldTimePolicy.minimum(Duration.ofDays(365));
    assertThat(p.isHeldLongEnough(java.time.Instant.MIN, java.time.Instant.MAX)).isTrue();
    assertThat(p.isHeldLongEnough(java.time.Instant.MAX, java.time.Instant.MIN)).isFalse();
  }

  @Test
  void policiesRejectNegativeAndNullArguments() {
    assertThatThrownBy(() -> HoldTimePolicy.minimum(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minHoldTime must be >= PT0S, was PT-1S");
    assertThatThrownBy(() -> HoldTimePolicy.minimum(null)).hasMessage("minHoldTime");
    assertThatThrownBy(() -> CooldownPolicy.fixed(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cooldown must be >= PT0S, was PT-1S");
    assertThatThrownBy(() -> CooldownPolicy.fixed(null)).hasMessage("cooldown");
    assertThatThrownBy(() -> PartialSellSizer.of(new BigDecimal("1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fraction must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> PartialSellSizer.of(BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fraction must be in (0, 1], was 0");
    assertThatThrownBy(() -> LockRegistry.of(null)).hasMessage("locks");
  }

  @Test
  void cooldownRemainingIsZeroAtAndAfterTheBoundary() {
    CooldownPolicy p = CooldownPolicy.fixed(Duration.ofMinutes(60));
    assertThat(p.remaining(NOW.minus(Duration.ofMinutes(45)), NOW))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(p.remaining(NOW.minus(Duration.ofMinutes(60)), NOW)).isEqualTo(Duration.ZERO);
    assertThat(p.remaining(NOW.minus(Duration.ofMinutes(61)), NOW)).isEqualTo(Duration.ZERO);
    assertThat(p.remaining(NOW.plus(Duration.ofMinutes(5)), NOW)).isEqualTo(Duration.ofMinutes(65));
    assertThat(CooldownPolicy.fixed(Duration.ZERO).remaining(NOW, NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void lockRegistryFindsAnyActiveLockAndIgnoresExpiredOnes() {
    List<PositionLock> locks = new ArrayList<>();
    locks.add(lockUntil("PEP", NOW));
    locks.add(lockUntil("PEP", NOW.plusSeconds(1)));
    locks.add(lockUntil("KO", NOW));
    LockRegistry r = LockRegistry.of(locks);
    locks.add(lock("MSFT")); // the registry holds a copy
    assertThat(r.activeLock("PEP", NOW)).contains(locks.get(1));
    assertThat(r.activeLock("PEP", NOW.plusSeconds(1))).isEmpty();
    assertThat(r.activeLock("KO", NOW)).isEmpty();
    assertThat(r.activeLock("KO", NOW.minusNanos(1))).contains(locks.get(2));
    assertThat(r.activeLock("MSFT", NOW)).isEmpty();
    assertThat(LockRegistry.none().activeLock("PEP", NOW)).isEmpty();
  }

  @Test
  void sizerSellsWholeQuantityAtFractionOne() {
    PartialSellSizer one = PartialSellSizer.of(new BigDecimal("1.00"));
    assertThat(one.sellQty(fractional("X", "3.000000000001", "1"))).isEqualTo("3.000000000001");
    assertThat(one.sellQty(pos("X", "17", "1"))).isEqualTo("17");
    assertThat(one.fraction()).isEqualByComparingTo("1");
  }

  @Test
  void sizerRoundsDownToWholeOrNineDecimalShares() {
    PartialSellSizer third = PartialSellSizer.of(new BigDecimal("0.333"));
    assertThat(third.sellQty(pos("X", "100", "1")).toPlainString()).isEqualTo("33");
    assertThat(third.sellQty(fractional("X", "100", "1")).toPlainString()).isEqualTo("33.3");
    assertThat(third.sellQty(fractional("X", "1.000000001", "1")).toPlainString())
        .isEqualTo("0.333");
    PartialSellSizer half = PartialSellSizer.of(new BigDecimal("0.5"));
    assertThat(half.sellQty(pos("X", "200", "1")).toPlainString()).isEqualTo("100");
    assertThat(half.sellQty(pos("X", "200", "1")).scale()).isZero();
    assertThat(half.sellQty(pos("X", "1", "1"))).isEqualByComparingTo("0");
    assertThat(half.sellQty(fractional("X", "0.000000001", "1"))).isEqualByComparingTo("0");
  }
}
