package dev.rebalance.core.tracking.internal;

import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Walks a symbol's fills backwards from the current position to the fill that opened it from flat
 * (or flipped it from the other side): accumulating each fill's signed quantity backwards, the
 * opening fill is the one before which the position was zero or on the other side.
 *
 * <p>The average entry price of the current run is then computed forwards over the run's fills:
 * fills in the position's direction average in; fills against it reduce the quantity and leave the
 * average unchanged.
 *
 * <p>Not thread-safe; one instance per walk.
 */
public final class RunWalk {
  private static final int PRICE_SCALE = 9;

  private final int direction;
  private BigDecimal after;
  private final Deque<Fill> run = new ArrayDeque<>();
  private @Nullable Fill opening;
  private @Nullable BigDecimal openingQty;

  /**
   * @param currentQty the position now, signed (positive for long); not zero
   */
  public RunWalk(BigDecimal currentQty) {
    if (currentQty.signum() == 0) {
      throw new IllegalArgumentException("currentQty must not be 0");
    }
    this.direction = currentQty.signum();
    this.after = currentQty;
  }

  /**
   * Takes the next older fill.
   *
   * @param fill the fill, older than every fill accepted before
   * @return true when this fill opened the current run (the walk is over)
   */
  public boolean accept(Fill fill) {
    if (opening != null) {
      return true;
    }
    BigDecimal signed = fill.side() == OrderSide.BUY ? fill.qty() : fill.qty().negate();
    BigDecimal before = after.subtract(signed);
    run.addFirst(fill);
    if (before.signum() != direction) {
      opening = fill;
      openingQty = after.abs();
      return true;
    }
    after = before;
    return false;
  }

  /** The fill that opened the current run, once found. */
  public Optional<Fill> opening() {
    return Optional.ofNullable(opening);
  }

  /** How many fills were taken. */
  public int fillsWalked() {
    return run.size();
  }

  /**
   * The average entry price of the current run.
   *
   * @return the price, once the opening fill is found
   */
  public Optional<BigDecimal> averagePrice() {
    if (opening == null || openingQty == null) { // set together
      return Optional.empty();
    }
    BigDecimal qty = openingQty;
    BigDecimal avg = opening.price();
    boolean first = true;
    for (Fill f : run) {
      if (first) {
        first = false;
        continue;
      }
      int side = f.side() == OrderSide.BUY ? 1 : -1;
      if (side == direction) {
        BigDecimal total = qty.add(f.qty());
        avg =
            avg.multiply(qty)
                .add(f.price().multiply(f.qty()))
                .divide(total, PRICE_SCALE, RoundingMode.HALF_EVEN);
        qty = total;
      } else {
        qty = qty.subtract(f.qty());
      }
    }
    BigDecimal stripped = avg.stripTrailingZeros();
    return Optional.of(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
  }
}
