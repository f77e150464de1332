/**
 * The command line's SLF4J provider: plain lines on standard error, a level per logger name from
 * {@code REBALANCE_LOG_LEVEL} and system properties, and nothing parsed, read or formatted at
 * start-up beyond those. The library modules depend on {@code slf4j-api} only; this provider is the
 * command line's choice, as an application's own would be.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.cli.log;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
