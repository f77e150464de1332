/** The {@code rebalance} command line: explain a decision, manage a bot's tracker state. */
@NullMarked
package dev.rebalance.cli;

import org.jspecify.annotations.NullMarked;
