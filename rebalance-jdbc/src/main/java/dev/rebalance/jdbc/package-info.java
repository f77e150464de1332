/**
 * The JDBC {@link dev.rebalance.api.spi.TrackerStore}: {@link dev.rebalance.jdbc.JdbcTrackerStore}
 * over SQLite (the embedded default) or PostgreSQL (shared by many bot instances), and the
 * providers that open it from {@code sqlite:}, {@code jdbc:sqlite:}, {@code postgresql://} and
 * {@code jdbc:postgresql://} URIs.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.jdbc;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
