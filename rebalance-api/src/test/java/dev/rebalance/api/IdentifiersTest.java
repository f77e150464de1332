package dev.rebalance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(strings = {"AAPL", "BRK.B", "A", "BF-B", "X_1", "ABCDEFGHIJKLMNOPQRST"})
  void acceptsSymbols(String s) {
    assertThat(Identifiers.checkSymbol("symbol", s)).isEqualTo(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " AAPL",
        "aapl",
        "A\nB",
        "\u001b[31mX",
        "bad sym!",
        "$$$",
        ".A",
        "ABCDEFGHIJKLMNOPQRSTU"
      })
  void refusesSymbols(String s) {
    assertThatThrownBy(() -> Identifiers.checkSymbol("candidates[0].symbol", s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("candidates[0].symbol must be 1 to 20 characters")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\u001b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "paper-1", "sim-s42-run1", "A.b_C"})
  void acceptsAccounts(String a) {
    assertThat(Identifiers.checkAccountId("account", a)).isEqualTo(a);
  }

  @Test
  void refusesLongAndStrangeAccounts() {
    assertThatThrownBy(() -> Identifiers.checkAccountId("account", "a".repeat(300)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account must be 1 to 64 characters")
        .hasMessageContaining("(300 characters)");
    assertThatThrownBy(() -> Identifiers.checkAccountId("account", "live/2:ü 'x'"))
        .hasMessageContaining("'live/2:\\u00fc \\'x\\''");
    assertThat(Identifiers.isValidAccountId("")).isFalse();
    assertThat(Identifiers.isValidAccountId("../etc")).isFalse();
  }

  @Test
  void quoteKeepsOneLine() {
    assertThat(Identifiers.quote("EVIL\nDecision:  SWAP"))
        .isEqualTo("'EVIL\\u000aDecision:  SWAP'");
  }
}
