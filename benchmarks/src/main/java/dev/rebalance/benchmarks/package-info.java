/**
 * JMH benchmarks for Rebalance's hot paths; figures and the commands that reproduce them are in
 * BENCHMARKS.md.
 */
@NullMarked
package dev.rebalance.benchmarks;

import org.jspecify.annotations.NullMarked;
