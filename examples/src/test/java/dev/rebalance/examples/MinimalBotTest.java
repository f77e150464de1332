package dev.rebalance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The short example runs as written and stays short. */
class MinimalBotTest {

  @Test
  void aWeekOnTheSimulatedMarketSwapsAndRecordsEachSwap() {
    assertThat(MinimalBot.run(42, 5 * 26)).isPositive();
  }

  @Test
  void theExampleStaysUnderSixtyLines() throws IOException {
    Path source = Path.of("src/main/java/dev/rebalance/examples/MinimalBot.java");
    assertThat(Files.readAllLines(source)).hasSizeLessThan(60);
  }
}
