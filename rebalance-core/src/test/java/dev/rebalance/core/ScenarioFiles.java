package dev.rebalance.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.tracking.TrackerState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A minimal test-side reader of the scenario format (spec/scenario-format.md) for engine tests. */
final class ScenarioFiles {
  private ScenarioFiles() {}

  /** A scenario's inputs. */
  record Scenario(
      Instant now,
      RebalanceConfig config,
      List<HeldPosition> positions,
      List<Candidate> candidates,
      TrackerState state) {}

  static JsonNode resource(String name) {
    try (InputStream in = ScenarioFiles.class.getResourceAsStream("/scenarios/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource scenarios/" + name);
      }
      return RebalanceJson.json().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario read(String name) {
    JsonNode root = resource(name);
    Instant now = Instant.parse(root.get("now").textValue());
    RebalanceConfig config =
        root.has("config")
            ? RebalanceConfigLoader.fromNode(root.get("config"), "config")
            : RebalanceConfig.defaults();
    List<HeldPosition> positions = new ArrayList<>();
    for (JsonNode p : root.get("positions")) {
      HeldPosition.Builder b =
          HeldPosition.builder()
              .symbol(p.get("symbol").textValue())
              .qty(new BigDecimal(p.get("qty").textValue()))
              .score(p.get("score").decimalValue());
      if (p.has("price")) {
        b.price(new BigDecimal(p.get("price").textValue()));
      }
      if (p.has("fractionable")) {
        b.fractionable(p.get("fractionable").booleanValue());
      }
      positions.add(b.build());
    }
    List<Candidate> candidates = new ArrayList<>();
    for (JsonNode c : root.get("candidates")) {
      candidates.add(Candidate.of(c.get("symbol").textValue(), c.get("score").decimalValue()));
    }
    TrackerState.Builder state = TrackerState.builder();
    JsonNode tracker = root.get("tracker");
    if (tracker != null) {
      for (JsonNode e : tracker.path("entries")) {
        String symbol = e.get("symbol").textValue();
        state.putEntries(
            symbol,
            TrackedEntry.builder()
                .symbol(symbol)
                .entryTime(Instant.parse(e.get("entryTime").textValue()))
                .build());
      }
      for (JsonNode l : tracker.path("locks")) {
        String symbol = l.get("symbol").textValue();
        PositionLock.Builder lock = PositionLock.builder().symbol(symbol).lockedAt(now);
        if (l.has("reason")) {
          lock.reason(l.get("reason").textValue());
        }
        state.putLocks(symbol, lock.build());
      }
      if (tracker.has("lastRebalance")) {
        state.lastRebalance(Instant.parse(tracker.get("lastRebalance").textValue()));
      }
    }
    return new Scenario(now, config, positions, candidates, state.build());
  }
}
