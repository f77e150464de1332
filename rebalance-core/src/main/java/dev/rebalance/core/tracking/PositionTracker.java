package dev.rebalance.core.tracking;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.internal.Slf4jRequirement;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a broker's fills into {@link TrackedEntry tracked entries} for one account, so the engine
 * knows when each position was really entered.
 *
 * <p>The rules, applied to each fill in the order the broker reports them:
 *
 * <ul>
 *   <li><b>Opening buy.</b> A buy of a symbol with no entry opens one: its entry time is the fill's
 *       {@link Fill#timestamp() timestamp} (never the order's submission time, never the current
 *       time), its price and quantity the fill's, its score and reason those of the {@link
 *       EntryContext} given with the fill, its source {@link EntrySource#FILL}. If the broker
 *       reports a position after the fill larger than the fill itself, the position was not flat
 *       before it, so its entry time is unknown: nothing is recorded ({@link
 *       FillOutcome#IGNORED_NOT_FROM_FLAT}) and the event {@code no_tracked_entry_time} is logged.
 *   <li><b>Adding buy.</b> The entry time, score, reason and source are kept; the quantity grows by
 *       the fill's and the entry price becomes the quantity-weighted average {@code (q0 × p0 + q ×
 *       p) / (q0 + q)}, rounded to {@link #PRICE_SCALE} decimal places, half-even. When the entry's
 *       quantity is unknown (an imported entry), the average cannot be weighted: the price is kept,
 *       and the quantity becomes the broker-reported position after the fill if there is one.
 *   <li><b>Partial sale.</b> A sale that leaves a positive quantity keeps the entry (same entry
 *       time), with the quantity reduced.
 *   <li><b>Sale to flat.</b> A sale that brings the quantity to zero closes (removes) the entry.
 *   <li><b>Oversell.</b> A sale larger than the tracked quantity is treated as a sale to flat: the
 *       entry is closed and the excess is logged as {@code oversold_qty}. Short positions are not
 *       tracked.
 *   <li><b>Untracked sale.</b> A sale of a symbol with no entry is ignored and logged ({@link
 *       FillOutcome#IGNORED_UNTRACKED_SELL}); no entry is ever invented for it.
 *   <li><b>Broker quantity.</b> When a fill carries {@link Fill#positionQtyAfter()}, that quantity
 *       is authoritative for the remaining quantity (a missed fill cannot leave the entry wrong). A
 *       sale of an entry whose quantity is unknown and without a broker quantity keeps the entry
 *       unchanged: it cannot tell a partial sale from a full one (start-up reconciliation closes
 *       entries of positions no longer held).
 *   <li><b>Exactly once.</b> Each fill goes to the store through {@link TrackerStore#applyFill},
 *       which records the fill's {@link Fill#id() id} and the entry change in one atomic step. A
 *       fill the store has already applied — a replay after a restart, the same fill seen by the
 *       stream and by a catch-up, or by a second process sharing the store — changes nothing
 *       ({@link FillOutcome#DUPLICATE}). Ignored fills are recorded too, so a replay of one is a
 *       duplicate as well.
 * </ul>
 *
 * <p>Each state change is logged: {@code position_entry_tracked} when an entry opens (adds at debug
 * level with {@code change=add}), {@code position_exit_tracked} when one closes.
 *
 * <p>Thread-safe: fills are applied one at a time (the read-modify-write of an entry happens under
 * this tracker's lock), so a fill-stream thread and a scan thread may call it together. Use one
 * tracker per account and store in a process.
 */
public final class PositionTracker {
  private static final Logger log = LoggerFactory.getLogger(PositionTracker.class);

  /** Decimal places of an averaged entry price (Alpaca's fractional precision). */
  public static final int PRICE_SCALE = 9;

  private final TrackerStore store;
  private final String account;
  private final Object mutex = new Object();

  /** What one fill does: its outcome, the change to store, and the event to log once applied. */
  private record Step(FillOutcome outcome, EntryChange change, Runnable logApplied) {}

  private PositionTracker(TrackerStore store, String account) {
    Slf4jRequirement.check();
    this.store = store;
    this.account = account;
  }

  /**
   * A tracker writing the entries of {@code account} to {@code store}.
   *
   * @param store the store the entries live in
   * @param account the account id
   * @return the tracker
   * @throws IllegalArgumentException if {@code account} is blank
   */
  public static PositionTracker create(TrackerStore store, String account) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(account, "account");
    if (account.isBlank()) {
      throw new IllegalArgumentException("account must not be blank");
    }
    return new PositionTracker(store, account);
  }

  /** The account this tracker writes. */
  public String account() {
    return account;
  }

  /**
   * Applies a fill without an entry context (an opening fill gets no score or reason).
   *
   * @param fill the fill
   * @return what was done
   * @throws dev.rebalance.api.TrackerStoreException if the store fails; the fill is then not
   *     applied, so it may be applied again
   */
  public FillOutcome onFill(Fill fill) {
    return onFill(fill, EntryContext.none());
  }

  /**
   * Applies a fill; {@code context} is used only when the fill opens a position.
   *
   * @param fill the fill
   * @param context the score and reason of the purchase
   * @return what was done
   * @throws dev.rebalance.api.TrackerStoreException if the store fails; the fill is then not
   *     applied, so it may be applied again
   */
  public FillOutcome onFill(Fill fill, EntryContext context) {
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(context, "context");
    synchronized (mutex) {
      Optional<TrackedEntry> current = store.entry(account, fill.symbol());
      Step step = fill.side() == OrderSide.BUY ? buy(current, fill, context) : sell(current, fill);
      if (!store.applyFill(account, fill.id(), step.change())) {
        log.atDebug()
            .setMessage(LogEvents.POSITION_ENTRY_TRACKED)
            .addKeyValue("account", account)
            .addKeyValue("symbol", fill.symbol())
            .addKeyValue("fill_id", fill.id())
            .addKeyValue("change", "duplicate_ignored")
            .log();
        return FillOutcome.DUPLICATE;
      }
      step.logApplied().run();
      return step.outcome();
    }
  }

  private Step buy(Optional<TrackedEntry> current, Fill fill, EntryContext context) {
    if (current.isEmpty()) {
      Optional<BigDecimal> after = fill.positionQtyAfter();
      if (after.isPresent() && after.get().compareTo(fill.qty()) > 0) {
        return new Step(
            FillOutcome.IGNORED_NOT_FROM_FLAT,
            EntryChange.none(),
            () ->
                log.atWarn()
                    .setMessage(LogEvents.NO_TRACKED_ENTRY_TIME)
                    .addKeyValue("account", account)
                    .addKeyValue("symbol", fill.symbol())
                    .addKeyValue("fill_id", fill.id())
                    .addKeyValue("fill_qty", fill.qty().toPlainString())
                    .addKeyValue("position_qty_after", after.get().toPlainString())
                    .addKeyValue("cause", "buy_did_not_open_from_flat")
                    .log());
      }
      TrackedEntry.Builder b =
          TrackedEntry.builder()
              .symbol(fill.symbol())
              .entryTime(fill.timestamp())
              .entryPrice(fill.price())
              .qty(fill.qty())
              .source(EntrySource.FILL);
      context.score().ifPresent(b::score);
      context.reason().ifPresent(b::reason);
      TrackedEntry entry = b.build();
      return new Step(
          FillOutcome.OPENED,
          EntryChange.put(entry),
          () ->
              log.atInfo()
                  .setMessage(LogEvents.POSITION_ENTRY_TRACKED)
                  .addKeyValue("account", account)
                  .addKeyValue("symbol", entry.symbol())
                  .addKeyValue("change", "open")
                  .addKeyValue("entry_time", entry.entryTime())
                  .addKeyValue("entry_price", fill.price().toPlainString())
                  .addKeyValue("qty", fill.qty().toPlainString())
                  .addKeyValue("score", context.score().map(BigDecimal::toPlainString).orElse(null))
                  .addKeyValue("reason", context.reason().orElse(null))
                  .addKeyValue("fill_id", fill.id())
                  .log());
    }
    TrackedEntry entry = current.get();
    Optional<BigDecimal> newQty;
    Optional<BigDecimal> newPrice;
    if (entry.qty().isPresent()) {
      BigDecimal q0 = entry.qty().get();
      BigDecimal sum = q0.add(fill.qty());
      newQty = Optional.of(fill.positionQtyAfter().orElse(sum));
      if (q0.signum() == 0) {
        newPrice = Optional.of(fill.price());
      } else {
        newPrice = entry.entryPrice().map(p0 -> average(q0, p0, fill.qty(), fill.price(), sum));
      }
    } else {
      newQty = fill.positionQtyAfter();
      newPrice = entry.entryPrice();
    }
    TrackedEntry updated =
        TrackedEntry.builder().from(entry).qty(newQty).entryPrice(newPrice).build();
    return new Step(
        FillOutcome.ADDED,
        EntryChange.put(updated),
        () ->
            log.atDebug()
                .setMessage(LogEvents.POSITION_ENTRY_TRACKED)
                .addKeyValue("account", account)
                .addKeyValue("symbol", entry.symbol())
                .addKeyValue("change", "add")
                .addKeyValue("entry_time", entry.entryTime())
                .addKeyValue("entry_price", newPrice.map(BigDecimal::toPlainString).orElse(null))
                .addKeyValue("qty", newQty.map(BigDecimal::toPlainString).orElse(null))
                .addKeyValue("fill_id", fill.id())
                .log());
  }

  private Step sell(Optional<TrackedEntry> current, Fill fill) {
    if (current.isEmpty()) {
      return new Step(
          FillOutcome.IGNORED_UNTRACKED_SELL,
          EntryChange.none(),
          () ->
              log.atInfo()
                  .setMessage(LogEvents.NO_TRACKED_ENTRY_TIME)
                  .addKeyValue("account", account)
                  .addKeyValue("symbol", fill.symbol())
                  .addKeyValue("fill_id", fill.id())
                  .addKeyValue("side", "sell")
                  .addKeyValue("cause", "sell_of_untracked_symbol_ignored")
                  .log());
    }
    TrackedEntry entry = current.get();
    Optional<BigDecimal> remaining =
        fill.positionQtyAfter().or(() -> entry.qty().map(q -> q.subtract(fill.qty())));
    if (remaining.isEmpty()) {
      return new Step(
          FillOutcome.REDUCED,
          EntryChange.none(),
          () ->
              log.atDebug()
                  .setMessage(LogEvents.POSITION_EXIT_TRACKED)
                  .addKeyValue("account", account)
                  .addKeyValue("symbol", entry.symbol())
                  .addKeyValue("change", "reduce_unknown_qty")
                  .addKeyValue("fill_id", fill.id())
                  .log());
    }
    BigDecimal left = remaining.get();
    if (left.signum() > 0) {
      return new Step(
          FillOutcome.REDUCED,
          EntryChange.put(TrackedEntry.builder().from(entry).qty(left).build()),
          () ->
              log.atDebug()
                  .setMessage(LogEvents.POSITION_EXIT_TRACKED)
                  .addKeyValue("account", account)
                  .addKeyValue("symbol", entry.symbol())
                  .addKeyValue("change", "reduce")
                  .addKeyValue("qty", left.toPlainString())
                  .addKeyValue("fill_id", fill.id())
                  .log());
    }
    return new Step(
        FillOutcome.CLOSED,
        EntryChange.remove(entry.symbol()),
        () ->
            log.atInfo()
                .setMessage(LogEvents.POSITION_EXIT_TRACKED)
                .addKeyValue("account", account)
                .addKeyValue("symbol", entry.symbol())
                .addKeyValue("change", "close")
                .addKeyValue("entry_time", entry.entryTime())
                .addKeyValue("exit_time", fill.timestamp())
                .addKeyValue("exit_price", fill.price().toPlainString())
                .addKeyValue(
                    "entry_price", entry.entryPrice().map(BigDecimal::toPlainString).orElse(null))
                .addKeyValue(
                    "oversold_qty", left.signum() < 0 ? left.negate().toPlainString() : null)
                .addKeyValue("fill_id", fill.id())
                .log());
  }

  private static BigDecimal average(
      BigDecimal q0, BigDecimal p0, BigDecimal q, BigDecimal p, BigDecimal sum) {
    BigDecimal cost = q0.multiply(p0).add(q.multiply(p));
    BigDecimal avg =
        cost.divide(sum, MathContext.DECIMAL128).setScale(PRICE_SCALE, RoundingMode.HALF_EVEN);
    BigDecimal stripped = avg.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
