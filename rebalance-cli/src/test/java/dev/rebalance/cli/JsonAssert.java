package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares decision JSON: same structure, same field order, numbers as exact decimals. */
final class JsonAssert {
  private static final Pattern DECIMAL_FIELDS =
      Pattern.compile(
          "\"(sellQty|sellFraction|oldScore|newScore|scoreDiff)\"\\s*:\\s*(\"[^\"]*\"|[-+0-9.eE]+)");

  private JsonAssert() {}

  static JsonNode parse(String json) {
    try {
      return RebalanceJson.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parsed trees are equal with field order and exact decimal equality. */
  static void assertSameDecision(String expectedJson, String actualJson) {
    assertSame(parse(expectedJson), parse(actualJson), "$");
    assertThat(decimalTexts(actualJson))
        .as("textual forms of sellQty, sellFraction, oldScore, newScore, scoreDiff")
        .isEqualTo(decimalTexts(expectedJson));
  }

  /** Every {@code "name": value} of the decimal fields, as written. */
  static List<String> decimalTexts(String json) {
    List<String> out = new ArrayList<>();
    Matcher m = DECIMAL_FIELDS.matcher(json);
    while (m.find()) {
      out.add(m.group(1) + "=" + m.group(2));
    }
    return out;
  }

  private static void assertSame(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path + " is an object").isTrue();
      List<String> e = new ArrayList<>();
      expected.fieldNames().forEachRemaining(e::add);
      List<String> a = new ArrayList<>();
      actual.fieldNames().forEachRemaining(a::add);
      assertThat(a).as(path + " field names in order").isEqualTo(e);
      for (String name : e) {
        assertSame(expected.get(name), actual.get(name), path + "." + name);
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(path + " is an array").isTrue();
      assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSame(expected.get(i), actual.get(i), path + "[" + i + "]");
      }
    } else if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(path + " is a number, was " + actual).isTrue();
      assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
