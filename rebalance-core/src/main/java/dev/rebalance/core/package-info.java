/**
 * The runtime: {@link dev.rebalance.core.RebalanceSession} runs one bot's scan end to end — fills
 * since the stored watermark into the tracker, the tracker's state, the decision, the claim of the
 * cooldown slot, the swap, the record — and returns an immutable {@link
 * dev.rebalance.core.ScanReport}. Start it once per account; call {@code scan} once per scan.
 *
 * <p>Core's packages, from the bottom up; each may use only those below it (and the api module):
 *
 * <ul>
 *   <li>{@code core.log}, {@code core.json}, {@code core.format}, {@code core.internal}: log event
 *       names, the shared JSON mapper, figures and times for people, checks shared by builders.
 *   <li>{@code core.config}: {@code RebalanceConfig}, its parts and its loader.
 *   <li>{@code core.tracking}: fills to entries, start-up reconciliation, locks, the tracker state
 *       a decision reads.
 *   <li>{@code core.decision}: the {@code Rebalancer}, its policies and guards, the explained
 *       {@code Decision}.
 *   <li>{@code core.execution}: the {@code SwapExecutor} (claim, sell, buy, record) and the history
 *       recorder.
 *   <li>this package, {@code core.legacy} (the original bot's file import) and {@code core.store}
 *       (the built-in stores): the top.
 * </ul>
 *
 * <p>{@code core.stats} (metrics and payoff) uses only the api module. Each {@code internal}
 * package is used only by its parent. {@code ArchitectureTest} checks all of this.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
