package dev.rebalance.benchmarks;

import dev.rebalance.api.Candidate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a scorer pays to build one scan's candidate list: {@code candidates} calls of {@link
 * Candidate#of(String, BigDecimal)} from symbols and scores it already has. A candidate is a plain
 * value: it validates its symbol and keeps what it is given; the score keys a decision ranks by are
 * computed in {@link DecisionBenchmark}'s candidate loop, not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CandidateBenchmark {

  @Param({"10000"})
  public int candidates;

  /**
   * {@code decimal}: {@code BigDecimal} scores with two decimals, such as 73.25; {@code
   * longDecimal}: {@code BigDecimal} scores of 16 or 17 digits, such as 0.7316829412087761; {@code
   * double}: the same values given as {@code double}s to {@link Candidate#of(String, double)}.
   */
  @Param({"decimal", "longDecimal", "double"})
  public String scores;

  private String[] symbols;
  private BigDecimal[] decimals;
  private double[] doubles;

  @Setup
  public void setUp() {
    Random random = new Random(20251125L);
    symbols = new String[candidates];
    decimals = new BigDecimal[candidates];
    doubles = new double[candidates];
    for (int i = 0; i < candidates; i++) {
      // The same strings every call, as a scorer with a fixed universe of symbols has.
      symbols[i] = new String(String.format("C%05d", i).toCharArray());
      doubles[i] = random.nextDouble();
      decimals[i] =
          scores.equals("decimal")
              ? BigDecimal.valueOf(random.nextInt(10_000), 2)
              : BigDecimal.valueOf(doubles[i]);
    }
  }

  @Benchmark
  public List<Candidate> build() {
    List<Candidate> out = new ArrayList<>(candidates);
    if (scores.equals("double")) {
      for (int i = 0; i < candidates; i++) {
        out.add(Candidate.of(symbols[i], doubles[i]));
      }
    } else {
      for (int i = 0; i < candidates; i++) {
        out.add(Candidate.of(symbols[i], decimals[i]));
      }
    }
    return out;
  }
}
