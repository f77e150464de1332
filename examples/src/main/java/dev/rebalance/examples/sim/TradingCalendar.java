package dev.rebalance.examples.sim;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The simulated market's trading hours: weekdays from 09:30 to 16:00 America/New_York, scanned
 * every {@code interval} from the open (09:30, 09:45, ... 15:45 for 15 minutes). Holidays are not
 * modelled: every weekday trades.
 *
 * <p>Immutable and thread-safe.
 */
public final class TradingCalendar {
  /** The exchange's time zone. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static final LocalTime OPEN = LocalTime.of(9, 30);
  private static final LocalTime CLOSE = LocalTime.of(16, 0);

  private final Duration interval;
  private final int scansPerDay;

  /**
   * A calendar scanning every {@code interval}.
   *
   * @param interval the time between scans; divides the 390-minute session into at least one scan
   * @throws IllegalArgumentException if the interval is not positive or longer than a session
   */
  public TradingCalendar(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    long session = Duration.between(OPEN, CLOSE).toMinutes();
    if (interval.isNegative() || interval.isZero() || interval.toMinutes() > session) {
      throw new IllegalArgumentException(
          "interval must be between 1 minute and 390 minutes, was " + interval);
    }
    this.interval = interval;
    this.scansPerDay = (int) ((session + interval.toMinutes() - 1) / interval.toMinutes());
  }

  /** A calendar with 15-minute scans (26 a day). */
  public static TradingCalendar fifteenMinutes() {
    return new TradingCalendar(Duration.ofMinutes(15));
  }

  /** The time between scans. */
  public Duration interval() {
    return interval;
  }

  /** How many scans one trading day has. */
  public int scansPerDay() {
    return scansPerDay;
  }

  /**
   * Whether a date is a trading day (a weekday).
   *
   * @param date the date in New York
   * @return true on Monday to Friday
   */
  public boolean isTradingDay(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
  }

  /**
   * The first trading day on or after {@code date}.
   *
   * @param date a date
   * @return the trading day
   */
  public LocalDate tradingDayOnOrAfter(LocalDate date) {
    LocalDate d = date;
    while (!isTradingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * The instant of scan {@code index} (0-based) counted from the open of trading day {@code
   * firstDay}.
   *
   * @param firstDay a trading day
   * @param index the scan's number, {@code >= 0}
   * @return the scan's instant
   */
  public Instant scanTime(LocalDate firstDay, long index) {
    long day = index / scansPerDay;
    long slot = index % scansPerDay;
    LocalDate d = tradingDayOnOrAfter(firstDay);
    for (long i = 0; i < day; i++) {
      d = tradingDayOnOrAfter(d.plusDays(1));
    }
    return ZonedDateTime.of(d, OPEN, NEW_YORK).plus(interval.multipliedBy(slot)).toInstant();
  }

  /**
   * Whether the market is open at {@code t}.
   *
   * @param t an instant
   * @return true on a trading day between 09:30 (inclusive) and 16:00 (exclusive) New York time
   */
  public boolean isOpen(Instant t) {
    ZonedDateTime z = t.atZone(NEW_YORK);
    LocalTime lt = z.toLocalTime();
    return isTradingDay(z.toLocalDate()) && !lt.isBefore(OPEN) && lt.isBefore(CLOSE);
  }

  /**
   * The next open strictly after {@code t}, or {@code t}'s own session open if {@code t} is before
   * it on a trading day.
   *
   * @param t an instant
   * @return the next open
   */
  public Instant nextOpen(Instant t) {
    ZonedDateTime z = t.atZone(NEW_YORK);
    LocalDate d = z.toLocalDate();
    if (isTradingDay(d) && z.toLocalTime().isBefore(OPEN)) {
      return ZonedDateTime.of(d, OPEN, NEW_YORK).toInstant();
    }
    return ZonedDateTime.of(tradingDayOnOrAfter(d.plusDays(1)), OPEN, NEW_YORK).toInstant();
  }

  /**
   * The next close at or after {@code t}.
   *
   * @param t an instant
   * @return the next close
   */
  public Instant nextClose(Instant t) {
    ZonedDateTime z = t.atZone(NEW_YORK);
    LocalDate d = z.toLocalDate();
    if (isTradingDay(d) && z.toLocalTime().isBefore(CLOSE)) {
      return ZonedDateTime.of(d, CLOSE, NEW_YORK).toInstant();
    }
    return ZonedDateTime.of(tradingDayOnOrAfter(d.plusDays(1)), CLOSE, NEW_YORK).toInstant();
  }
}
