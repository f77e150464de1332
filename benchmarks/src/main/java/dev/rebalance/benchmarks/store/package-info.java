/**
 * Store benchmarks: durable history appends and last-50 queries at growing history sizes for the
 * JSON file store, against a whole-file-rewrite store like the original bot's and a raw
 * write-and-fsync of one line on the same disk.
 */
@NullMarked
package dev.rebalance.benchmarks.store;

import org.jspecify.annotations.NullMarked;
