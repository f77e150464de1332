package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over generated portfolios, through the real command and engine: the output is always a valid
 * decision in canonical form, consistent with the scenario it explains.
 */
class ExplainOutputPropertiesTest {
  private static final Pattern SCORE_TEXT =
      Pattern.compile("\"(sellFraction|scoreDiff)\": ([^,\\n]+)");
  private static final Pattern QTY_TEXT = Pattern.compile("\"sellQty\": \"([^\"]*)\"");

  @TempDir Path dir;

  @Test
  void outputIsCanonicalAndConsistentWithTheScenario() {
    qt().withExamples(60)
        .forAll(
            lists().of(integers().between(1, 99_999)).ofSizeBetween(0, 6),
            lists().of(integers().between(-5_000, 15_000)).ofSizeBetween(0, 6),
            integers().between(1, 100),
            integers().between(1, 3))
        .checkAssert(
            (qtyOrScore, candidateScores, fractionPercent, maxSwaps) ->
                check(qtyOrScore, candidateScores, fractionPercent, maxSwaps));
  }

  private void check(
      List<Integer> held, List<Integer> candidateScores, int fractionPercent, int maxSwaps) {
    // Position i: qty held[i]/10^(i%3) shares, score held[i]/100 (exact, various scales);
    // every third candidate is a held symbol, which must never be bought.
    Map<String, BigDecimal> qty = new HashMap<>();
    List<String> symbols = new ArrayList<>();
    StringBuilder json = new StringBuilder("{\"now\": \"2025-11-25T15:45:00Z\", \"config\": {");
    json.append("\"sellFraction\": ")
        .append(BigDecimal.valueOf(fractionPercent, 2).toPlainString())
        .append(", \"maxSwapsPerScan\": ")
        .append(maxSwaps)
        .append(", \"unknownEntryTime\": \"ALLOW\"}, \"positions\": [");
    for (int i = 0; i < held.size(); i++) {
      String symbol = "P" + i;
      BigDecimal q = BigDecimal.valueOf(held.get(i), i % 3);
      symbols.add(symbol);
      qty.put(symbol, q);
      json.append(i == 0 ? "" : ", ")
          .append("{\"symbol\": \"")
          .append(symbol)
          .append("\", \"qty\": \"")
          .append(q.toPlainString())
          .append("\", \"score\": ")
          .append(BigDecimal.valueOf(held.get(i), 2).toPlainString())
          .append(", \"fractionable\": ")
          .append(i % 2 == 0)
          .append("}");
    }
    json.append("], \"candidates\": [");
    for (int j = 0; j < candidateScores.size(); j++) {
      String symbol = j % 3 == 0 && j < held.size() ? "P" + j : "C" + j;
      json.append(j == 0 ? "" : ", ")
          .append("{\"symbol\": \"")
          .append(symbol)
          .append("\", \"score\": ")
          .append(BigDecimal.valueOf(candidateScores.get(j), 1).toPlainString())
          .append("}");
    }
    json.append("]}");

    Path file;
    try {
      file = Files.createTempFile(dir, "generated", ".json");
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CliRun r = CliRun.rebalance("explain", "--scenario", file.toString());
    assertThat(r.err).as(json.toString()).isEmpty();
    assertThat(r.exit).isZero();

    JsonNode d = JsonAssert.parse(r.out);
    List<String> reported = new ArrayList<>();
    d.get("positions").forEach(p -> reported.add(p.get("symbol").textValue()));
    assertThat(reported).as("positions in input order").isEqualTo(symbols);
    assertThat(d.get("action").textValue().equals("SWAP")).isEqualTo(d.get("swaps").size() > 0);
    assertThat(d.get("cooldownRemaining").isNull()).isTrue();
    assertThat(d.get("swaps").size()).isLessThanOrEqualTo(maxSwaps);
    for (JsonNode s : d.get("swaps")) {
      BigDecimal sold = new BigDecimal(s.get("sellQty").textValue());
      assertThat(sold).isPositive().isLessThanOrEqualTo(qty.get(s.get("sell").textValue()));
      assertThat(qty).doesNotContainKey(s.get("buy").textValue());
      assertThat(s.get("scoreDiff").decimalValue())
          .isEqualByComparingTo(
              s.get("newScore").decimalValue().subtract(s.get("oldScore").decimalValue()));
    }
    Matcher m = SCORE_TEXT.matcher(r.out);
    while (m.find()) {
      assertThat(m.group(2)).matches("-?\\d+\\.(0|\\d*[1-9])");
    }
    Matcher q = QTY_TEXT.matcher(r.out);
    while (q.find()) {
      assertThat(q.group(1)).matches("\\d+(\\.\\d*[1-9])?");
    }
  }
}
