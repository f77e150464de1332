/**
 * JSON and YAML binding: one pre-tuned Jackson mapper for Rebalance's own strict formats
 * (configuration, scenarios, the JSON-file store).
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.json;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
