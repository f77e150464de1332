/**
 * JMH benchmarks of the JDBC stores: a durable append of one history event and the newest-50
 * history query at 1,000, 100,000 and 1,000,000 events, for SQLite and PostgreSQL, with a raw
 * "write a line and fsync" of the same disk as the baseline.
 */
@NullMarked
package dev.rebalance.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
