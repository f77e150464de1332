package dev.rebalance.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.CandidateReason;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.SkippedCandidate;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a {@link Decision} in the scenario format's output shape, fields in the spec's order:
 * {@code action, reason, swaps[{sell, sellQty, sellFraction, buy, oldScore, newScore, scoreDiff,
 * edgeBps?, costBps?}], cooldownRemaining, positions[{symbol, eligible, reasons}],
 * skippedCandidates[{symbol, reasons}], turnoverResetIn?} ({@code ?}: only when the guard is
 * configured). Numbers are written as exact decimals: scores as written in the scenario, the rest
 * in {@link ExplainDecimals}' canonical form; the layout is two-space indented with {@code "key":
 * value} and {@code []} for empty arrays, ending with a newline.
 *
 * <p>Stateless and thread-safe.
 */
final class DecisionJsonWriter {
  private static final DefaultIndenter NEWLINE = new DefaultIndenter("  ", "\n");
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(NEWLINE)
          .withObjectIndenter(NEWLINE);

  private DecisionJsonWriter() {}

  /**
   * Writes the decision; leaves {@code out} open.
   *
   * @param decision the decision
   * @param out where to write
   * @throws IOException if writing fails
   */
  static void write(Decision decision, Writer out) throws IOException {
    write(decision, RebalanceConfig.defaults(), out);
  }

  /**
   * Writes the decision made with {@code config}, which says whether {@code turnoverResetIn} is
   * printed (only when a turnover budget is configured); leaves {@code out} open.
   *
   * @param decision the decision
   * @param config the configuration it was made with
   * @param out where to write
   * @throws IOException if writing fails
   */
  static void write(Decision decision, RebalanceConfig config, Writer out) throws IOException {
    try (JsonGenerator g = RebalanceJson.json().getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(PRETTY.createInstance());
      g.writeStartObject();
      g.writeStringField("action", decision.action().name());
      g.writeStringField("reason", decision.reason().name());
      g.writeArrayFieldStart("swaps");
      for (Swap s : decision.swaps()) {
        g.writeStartObject();
        g.writeStringField("sell", s.sell());
        g.writeStringField("sellQty", ExplainDecimals.quantity(s.sellQty()));
        g.writeFieldName("sellFraction");
        g.writeNumber(ExplainDecimals.scoreText(s.sellFraction()));
        g.writeStringField("buy", s.buy());
        g.writeFieldName("oldScore");
        g.writeNumber(ExplainDecimals.asWritten(s.oldScore()));
        g.writeFieldName("newScore");
        g.writeNumber(ExplainDecimals.asWritten(s.newScore()));
        g.writeFieldName("scoreDiff");
        g.writeNumber(ExplainDecimals.scoreText(s.scoreDiff()));
        if (s.edgeBps().isPresent()) {
          g.writeFieldName("edgeBps");
          g.writeNumber(ExplainDecimals.quantity(s.edgeBps().get()));
        }
        if (s.costBps().isPresent()) {
          g.writeFieldName("costBps");
          g.writeNumber(ExplainDecimals.quantity(s.costBps().get()));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("cooldownRemaining");
      if (decision.reason() == DecisionReason.COOLDOWN
          && decision.cooldownRemaining().isPresent()) {
        g.writeString(decision.cooldownRemaining().get().toString());
      } else {
        g.writeNull();
      }
      g.writeArrayFieldStart("positions");
      for (PositionAssessment p : decision.positions()) {
        g.writeStartObject();
        g.writeStringField("symbol", p.symbol());
        g.writeBooleanField("eligible", p.eligible());
        g.writeArrayFieldStart("reasons");
        for (IneligibilityReason r : p.reasons()) {
          g.writeString(r.name());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("skippedCandidates");
      for (SkippedCandidate c : decision.skippedCandidates()) {
        g.writeStartObject();
        g.writeStringField("symbol", c.symbol());
        g.writeArrayFieldStart("reasons");
        for (CandidateReason r : c.reasons()) {
          g.writeString(r.name());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (config.turnoverBudget().isPresent()) {
        g.writeFieldName("turnoverResetIn");
        if (decision.reason() == DecisionReason.TURNOVER_BUDGET
            && decision.turnoverResetIn().isPresent()) {
          g.writeString(decision.turnoverResetIn().get().toString());
        } else {
          g.writeNull();
        }
      }
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }
}
