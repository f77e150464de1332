package dev.rebalance.examples;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the broker did with one swap: the quantities and prices of the sale and the purchase, or why
 * it did not complete.
 *
 * @param completed whether both legs filled
 * @param soldQty the quantity sold
 * @param sellPrice the sale's average price, when it filled
 * @param boughtQty the quantity bought
 * @param buyPrice the purchase's average price, when it filled
 * @param detail why it did not complete, when it did not
 */
public record SwapOutcome(
    boolean completed,
    BigDecimal soldQty,
    Optional<BigDecimal> sellPrice,
    BigDecimal boughtQty,
    Optional<BigDecimal> buyPrice,
    Optional<String> detail) {}
