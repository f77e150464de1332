package dev.rebalance.cli;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.LockManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rebalance lock SYMBOL [--reason R] [--until INSTANT|DURATION] [--by NAME]}: locks a symbol
 * so rebalancing never sells it, replacing any lock it had. {@code --until} takes an ISO-8601
 * instant ({@code 2025-12-01T00:00:00Z}) or a duration from now ({@code PT2H}, {@code P7D}, or
 * the short forms {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 2w}).
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "lock",
    sortOptions = false,
    description = "Lock a symbol so rebalancing never sells it.")
public final class LockCommand extends ManagementCommand {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");

  @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol to lock.")
  String symbol;

  @Option(names = "--reason", paramLabel = "R", description = "Why it is locked.")
  String reason;

  @Option(
      names = "--until",
      paramLabel = "INSTANT|DURATION",
      description = "When the lock stops applying: 2025-12-01T00:00:00Z, PT2H, 30m, 2h, 7d.")
  String until;

  @Option(names = "--by", paramLabel = "NAME", description = "Who locks it.")
  String by;

  /** Creates the command (picocli calls this). */
  public LockCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    LockManager locks = LockManager.create(store, account, clock());
    String sym = symbol(symbol);
    PositionLock.Builder b = locks.newLock(sym);
    Instant now = clock().instant();
    if (reason != null) {
      b.reason(reason);
    }
    if (by != null) {
      b.lockedBy(by);
    }
    if (until != null) {
      b.expiresAt(expiry(until, now));
    }
    PositionLock lock = b.build();
    boolean replaced = store.locks(account).stream().anyMatch(l -> l.symbol().equals(sym));
    locks.lock(lock);
    if (json) {
      Output.printJson(out(), Output.lock(lock, now).put("replaced", replaced));
    } else {
      out().println(
          "Locked "
              + sym
              + lock.expiresAt().map(t -> " until " + Output.time(t)).orElse("")
              + lock.reason().map(r -> " (" + r + ")").orElse("")
              + (replaced ? "; replaced its previous lock" : "")
              + ".");
      out().flush();
    }
    return ExitCodes.OK;
  }

  /**
   * The expiry {@code text} names, relative to {@code now} for durations (also used by the
   * dashboard's lock endpoint).
   *
   * @param text an ISO-8601 instant, an ISO-8601 duration or a short duration ({@code 30m})
   * @param now the time durations count from
   * @return the expiry
   * @throws IllegalArgumentException if it is neither an instant nor a positive duration, or not
   *     after {@code now}
   */
  public static Instant expiry(String text, Instant now) {
    String t = text.strip();
    Instant at;
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d;
      switch (m.group(2)) {
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "d":
          d = Duration.ofDays(n);
          break;
        default:
          d = Duration.ofDays(7 * n);
      }
      at = now.plus(d);
    } else if (t.startsWith("P") || t.startsWith("p")) {
      try {
        at = now.plus(Duration.parse(t));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    } else {
      try {
        at = OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException(
          "--until must be in the future (now is " + Output.time(now) + "), was '" + text + "'");
    }
    return at;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "--until must be an ISO-8601 instant (2025-12-01T00:00:00Z) or a duration (PT2H, 30m, 2h,"
            + " 7d), was '"
            + text
            + "'");
  }
}
