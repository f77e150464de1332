/** JMH benchmarks for Rebalance's hot paths; figures and the commands that reproduce them are in BENCHMARKS.md. */
package dev.rebalance.benchmarks;
