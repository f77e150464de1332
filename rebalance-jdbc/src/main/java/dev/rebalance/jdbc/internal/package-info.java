/**
 * Implementation details of the JDBC store: connection handling, dialects, the schema and its
 * migrations, and the SQL. Not part of the API; may change in any release.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.jdbc.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
