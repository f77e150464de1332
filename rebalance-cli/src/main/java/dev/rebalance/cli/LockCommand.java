package dev.rebalance.cli;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.tracking.LockManager;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rebalance lock SYMBOL [--reason R] [--until INSTANT|DURATION] [--by NAME]}: locks a symbol
 * so rebalancing never sells it, replacing any lock it had. {@code --until} takes an ISO-8601
 * instant ({@code 2025-12-01T00:00:00Z}) or a duration from now ({@code PT2H}, {@code P7D}, or the
 * short forms {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 2w}).
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "lock",
    sortOptions = false,
    description = "Lock a symbol so rebalancing never sells it.")
public final class LockCommand extends ManagementCommand {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");

  /** The furthest a lock's expiry may lie: 100 years. */
  static final Duration MAX_UNTIL = Duration.ofDays(36_525);

  @Parameters(index = "0", paramLabel = "SYMBOL", description = "The symbol to lock.")
  String symbol;

  @Option(names = "--reason", paramLabel = "R", description = "Why it is locked.")
  @Nullable String reason;

  @Option(
      names = "--until",
      paramLabel = "INSTANT|DURATION",
      description = "When the lock stops applying: 2025-12-01T00:00:00Z, PT2H, 30m, 2h, 7d.")
  @Nullable String until;

  @Option(names = "--by", paramLabel = "NAME", description = "Who locks it.")
  @Nullable String by;

  /** Creates the command (picocli calls this). */
  public LockCommand() {}

  @Override
  boolean writes() {
    return true;
  }

  private String sym;
  private Instant now;
  private @Nullable Instant expiresAt;

  @Override
  void validate() {
    sym = symbol("SYMBOL", symbol);
    now = clock().instant();
    expiresAt = until == null ? null : expiry(until, now);
    if (reason != null) {
      freeText("--reason", reason);
    }
    if (by != null) {
      freeText("--by", by);
    }
  }

  @Override
  int run(TrackerStore store, String account) {
    LockManager locks = LockManager.create(store, account, clock());
    PositionLock.Builder b = locks.newLock(sym);
    if (expiresAt != null) {
      b.expiresAt(expiresAt);
    }
    if (reason != null) {
      b.reason(reason);
    }
    if (by != null) {
      b.lockedBy(by);
    }
    PositionLock lock = b.build();
    boolean replaced = store.locks(account).stream().anyMatch(l -> l.symbol().equals(sym));
    locks.lock(lock);
    if (json) {
      Output.printJson(out(), Output.lock(lock, now).put("replaced", replaced));
    } else {
      out()
          .println(
              "Locked "
                  + sym
                  + lock.expiresAt().map(t -> " until " + time(t)).orElse("")
                  + lock.reason().map(r -> " (" + Output.printable(r) + ")").orElse("")
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
    try {
      Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        at = now.plus(shortDuration(Long.parseLong(m.group(1)), m.group(2)));
      } else if (t.startsWith("P") || t.startsWith("p")) {
        at = now.plus(Duration.parse(t));
      } else {
        at = OffsetDateTime.parse(t).toInstant();
      }
    } catch (DateTimeParseException e) {
      throw invalid(text);
    } catch (ArithmeticException | DateTimeException e) {
      // PT9223372036854775807S, P106751991167300D: beyond what a time can hold.
      throw new IllegalArgumentException(
          "--until is out of range (a time in the future, at most "
              + MAX_UNTIL.toDays()
              + " days from now), was "
              + Identifiers.quote(text));
    }
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException(
          "--until must be in the future (now is "
              + now.truncatedTo(ChronoUnit.SECONDS)
              + "), was "
              + Identifiers.quote(text));
    }
    if (Duration.between(now, at).compareTo(MAX_UNTIL) > 0) {
      throw new IllegalArgumentException(
          "--until is too far in the future (at most "
              + MAX_UNTIL.toDays()
              + " days), was "
              + Identifiers.quote(text));
    }
    return at;
  }

  private static Duration shortDuration(long n, String unit) {
    switch (unit) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofDays(Math.multiplyExact(7, n));
    }
  }

  /** Free text for a lock: at most 500 characters, no control characters. */
  private static String freeText(String option, String value) {
    if (value.length() > 500 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          option
              + " must be at most 500 characters without control characters, was "
              + Identifiers.quote(value));
    }
    return value;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "--until must be an ISO-8601 instant (2025-12-01T00:00:00Z) or a duration (PT2H, 30m, 2h,"
            + " 7d), was "
            + Identifiers.quote(text));
  }
}
