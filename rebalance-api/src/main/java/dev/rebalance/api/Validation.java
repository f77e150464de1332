package dev.rebalance.api;

import java.math.BigDecimal;

/** Shared checks for value types; messages name the field, the value and the allowed range. */
final class Validation {
  private Validation() {}

  static void symbol(String field, String symbol) {
    Identifiers.checkSymbol(field, symbol);
  }

  static void positive(String field, BigDecimal value) {
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value.toPlainString());
    }
  }

  static void nonNegative(String field, BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value.toPlainString());
    }
  }
}
