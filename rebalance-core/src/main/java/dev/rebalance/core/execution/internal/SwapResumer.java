package dev.rebalance.core.execution.internal;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.log.LogEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues an account's open intents for {@code SwapExecutor.resume}, oldest first, each from its
 * recorded status with orders looked up by client order id before any is sent. An intent another
 * executor may still be driving (not claimed here, moved within {@code takeoverAfter}) is left
 * alone; while the market is closed nothing is sent.
 *
 * <p>Thread-safe: its only mutable state is the shared concurrent set of swap ids claimed here.
 */
public final class SwapResumer {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);

  private final Broker broker;
  private final TrackerStore store;
  private final String account;
  private final Clock clock;
  private final ExecutionSettings settings;
  private final IntentDriver driver;
  private final Set<String> claimedHere;

  /**
   * A resumer for one account.
   *
   * @param broker the broker, for the market clock
   * @param store the store holding intents
   * @param account the account id
   * @param clock the time source, to tell how long an intent has stood still
   * @param settings the tunables
   * @param driver drives each intent
   * @param claimedHere the swap ids this executor claimed or resumed (shared, concurrent)
   */
  public SwapResumer(
      Broker broker,
      TrackerStore store,
      String account,
      Clock clock,
      ExecutionSettings settings,
      IntentDriver driver,
      Set<String> claimedHere) {
    this.broker = broker;
    this.store = store;
    this.account = account;
    this.clock = clock;
    this.settings = settings;
    this.driver = driver;
    this.claimedHere = claimedHere;
  }

  /**
   * Continues every open intent of the account.
   *
   * @return what was found and done
   */
  public ResumeReport resume() {
    List<SwapIntent> open = store.openIntents(account);
    ResumeReport.Builder report = ResumeReport.builder();
    if (open.isEmpty()) {
      return report.build();
    }
    boolean closed = settings.requireOpenMarket() && !broker.clock().isOpen();
    Instant now = clock.instant();
    Duration takeoverAfter = settings.takeoverAfter();
    for (SwapIntent it : open) {
      if (!claimedHere.contains(it.id())
          && Duration.between(it.updatedAt(), now).compareTo(takeoverAfter) < 0) {
        // Not ours, and it moved recently: the executor that claimed it may still be driving it.
        report.addResults(
            stillPending(
                it,
                "another executor may be driving it (last moved at "
                    + it.updatedAt()
                    + "); resume() takes it over once it has not moved for "
                    + takeoverAfter));
        continue;
      }
      claimedHere.add(it.id());
      log.atInfo()
          .setMessage(LogEvents.SWAP_RESUMED)
          .addKeyValue("account", account)
          .addKeyValue("swap_id", it.id())
          .addKeyValue("status", it.status())
          .addKeyValue("sell_symbol", it.sellSymbol())
          .addKeyValue("buy_symbol", it.buySymbol())
          .log();
      if (closed) {
        report.addResults(
            stillPending(
                it,
                "the market is closed; still "
                    + it.status()
                    + (it.detail().map(d -> " (" + d + ")").orElse(""))
                    + "; resume() again when it is open"));
      } else {
        report.addResults(driver.drive(it, true));
      }
    }
    return report.build();
  }

  private static ExecutionResult stillPending(SwapIntent it, String detail) {
    return ExecutionResult.builder()
        .swapId(it.id())
        .sellSymbol(it.sellSymbol())
        .buySymbol(it.buySymbol())
        .outcome(ExecutionOutcome.PENDING)
        .detail(detail)
        .intent(it)
        .build();
  }
}
