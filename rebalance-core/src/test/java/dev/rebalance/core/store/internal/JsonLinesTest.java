package dev.rebalance.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "Reading backwards returns the same lines as reading forwards, reversed, for any line lengths and pages.")
  void backwardMatchesForward() {
    qt().withExamples(60)
        .forAll(
            lists().of(integers().between(0, 150_000)).ofSizeBetween(1, 12),
            integers().between(0, 14),
            integers().between(0, 14))
        .checkAssert(
            (lengths, skip, take) -> {
              try {
                Path f = Files.createTempFile(dir, "lines", ".jsonl");
                StringBuilder sb = new StringBuilder();
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < lengths.size(); i++) {
                  String line = i + ":" + "x".repeat(lengths.get(i));
                  lines.add(line);
                  sb.append(line).append('\n');
                }
                sb.append("torn-tail-without-newline");
                Files.writeString(f, sb);
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                  List<String> forward = new ArrayList<>();
                  long end =
                      JsonLines.forward(
                          ch,
                          0,
                          ch.size(),
                          (buf, s, len, idx) ->
                              forward.add(new String(buf, s, len, StandardCharsets.UTF_8)));
                  assertThat(forward).isEqualTo(lines);
                  assertThat(end).isEqualTo(ch.size() - "torn-tail-without-newline".length());
                  List<String> back = new ArrayList<>();
                  for (byte[] b : JsonLines.backward(ch, 0, end, skip, take)) {
                    back.add(new String(b, StandardCharsets.UTF_8));
                  }
                  List<String> expected = new ArrayList<>();
                  for (int i = lines.size() - 1 - skip; i >= 0 && expected.size() < take; i--) {
                    expected.add(lines.get(i));
                  }
                  assertThat(back).isEqualTo(expected);
                }
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }
}
