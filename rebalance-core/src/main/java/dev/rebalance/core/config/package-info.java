/**
 * The settings: {@link dev.rebalance.core.config.RebalanceConfig} (one home per setting, validated
 * when built, every message naming the field), its parts ({@code TurnoverBudget}, {@code
 * CostSettings}, {@code UnknownEntryTimeRule}) and {@link
 * dev.rebalance.core.config.RebalanceConfigLoader} for JSON and YAML files. May use {@code
 * core.json} and the api module only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.config;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
