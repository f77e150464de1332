package dev.rebalance.core;

import dev.rebalance.core.log.LogEvents;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failed steps of one session call, as {@code step: what was said}, each logged once as {@value
 * LogEvents#SCAN_STEP_FAILED}. Not thread-safe: one per call.
 */
final class StepFailures {
  private static final Logger log = LoggerFactory.getLogger(RebalanceSession.class);

  private final String account;
  private final List<String> failures = new ArrayList<>();

  StepFailures(String account) {
    this.account = account;
  }

  void add(String step, RuntimeException e) {
    failures.add(step + ": " + e.getMessage());
    log.atWarn()
        .setMessage(LogEvents.SCAN_STEP_FAILED)
        .addKeyValue("account", account)
        .addKeyValue("step", step)
        .addKeyValue("error", e.getMessage())
        .log();
  }

  List<String> list() {
    return failures;
  }
}
