package dev.rebalance.core.execution.internal;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.log.LogEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a decision's swaps for {@code SwapExecutor.execute}: checks the market, claims the
 * cooldown slot, records every swap's intent before the first order of any of them, then drives
 * each. Swaps already recorded are continued (or their final result returned), never started twice,
 * and only by the executor that claimed them.
 *
 * <p>Thread-safe: its only mutable state is the shared concurrent set of swap ids claimed here.
 */
public final class SwapStarter {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);

  private final Broker broker;
  private final TrackerStore store;
  private final String account;
  private final ExecutionSettings settings;
  private final CooldownClaim claim;
  private final Intents intents;
  private final IntentDriver driver;
  private final Set<String> claimedHere;

  /**
   * A starter for one account.
   *
   * @param broker the broker, for the market clock
   * @param store the store holding intents
   * @param account the account id
   * @param settings the tunables
   * @param claim the cooldown claim
   * @param intents the account's intents
   * @param driver drives each intent
   * @param claimedHere the swap ids this executor claimed or resumed (shared, concurrent)
   */
  public SwapStarter(
      Broker broker,
      TrackerStore store,
      String account,
      ExecutionSettings settings,
      CooldownClaim claim,
      Intents intents,
      IntentDriver driver,
      Set<String> claimedHere) {
    this.broker = broker;
    this.store = store;
    this.account = account;
    this.settings = settings;
    this.claim = claim;
    this.intents = intents;
    this.driver = driver;
    this.claimedHere = claimedHere;
  }

  /**
   * Executes a swap decision's swaps, one after the other.
   *
   * @param decision a decision that is a swap
   * @param ids the swaps' ids, in the decision's order
   * @return one result per swap, in the decision's order
   */
  public List<ExecutionResult> execute(Decision decision, List<String> ids) {
    List<Swap> swaps = decision.swaps();
    boolean anyRecorded = false;
    boolean ours = false;
    for (String id : ids) {
      anyRecorded |= store.intent(account, id).isPresent();
      ours |= claimedHere.contains(id);
    }
    if (anyRecorded && !ours) {
      // Another executor (another instance on the same store, or this process before a restart)
      // claimed these swaps: only it, or resume(), may place their orders.
      return notStarted(
          ids,
          decision,
          ExecutionOutcome.NOT_CLAIMED,
          "the swap was claimed by another executor sharing this store; no order was placed"
              + " (resume() continues an unfinished swap after its executor stops)",
          LogEvents.SWAP_CLAIM_LOST);
    }
    if (!anyRecorded) {
      if (settings.requireOpenMarket() && !broker.clock().isOpen()) {
        return notStarted(
            ids,
            decision,
            ExecutionOutcome.MARKET_CLOSED,
            "the market is closed; nothing was claimed or ordered",
            LogEvents.SWAP_MARKET_CLOSED);
      }
      if (!claim.claim(decision.decidedAt())) {
        return notStarted(
            ids,
            decision,
            ExecutionOutcome.NOT_CLAIMED,
            claim.lostDetail(),
            LogEvents.SWAP_CLAIM_LOST);
      }
      claimedHere.addAll(ids);
    }
    // Record every swap's intent before the first order of any of them.
    List<SwapIntent> started = new ArrayList<>();
    List<Boolean> resuming = new ArrayList<>();
    for (int i = 0; i < swaps.size(); i++) {
      Optional<SwapIntent> existing = store.intent(account, ids.get(i));
      if (existing.isPresent()) {
        started.add(existing.get());
        resuming.add(true);
      } else {
        started.add(intents.record(ids.get(i), swaps.get(i)));
        resuming.add(false);
      }
    }
    List<ExecutionResult> results = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      SwapIntent it = started.get(i);
      results.add(
          it.status().isTerminal()
              ? IntentDriver.result(it, Optional.empty())
              : driver.drive(it, resuming.get(i)));
    }
    return results;
  }

  private List<ExecutionResult> notStarted(
      List<String> ids, Decision decision, ExecutionOutcome outcome, String detail, String event) {
    List<Swap> swaps = decision.swaps();
    List<ExecutionResult> out = new ArrayList<>(swaps.size());
    for (int i = 0; i < swaps.size(); i++) {
      log.atInfo()
          .setMessage(event)
          .addKeyValue("account", account)
          .addKeyValue("swap_id", ids.get(i))
          .addKeyValue("decided_at", decision.decidedAt())
          .log();
      out.add(
          ExecutionResult.builder()
              .swapId(ids.get(i))
              .sellSymbol(swaps.get(i).sell())
              .buySymbol(swaps.get(i).buy())
              .outcome(outcome)
              .detail(detail)
              .build());
    }
    return out;
  }
}
