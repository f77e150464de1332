package dev.rebalance.core.format;

import dev.rebalance.api.Identifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way Rebalance shows figures and times to people: money to cents ({@code 9,239.01}),
 * fractions as percentages ({@code -2.68%}), scores to two decimals ({@code 25.49}, differences
 * signed: {@code +23.20}), quantities exactly ({@code 0.5}), times to the second with their zone
 * ({@code 2025-11-25 16:00:00 UTC}) and durations in days, hours and minutes ({@code 5d 0h}).
 * Absent values are {@code -}. Rounding is half-even. Full precision belongs in JSON ({@code
 * --json}), never here. The CLI's tables, the dashboard (its API's {@code text} fields) and the
 * example bot all use it, so a figure reads the same everywhere.
 *
 * <pre>{@code
 * HumanFormat.score(stats.avgScoreImprovement());          // "25.49"
 * HumanFormat.time(stats.lastRebalance(), ZoneOffset.UTC);  // "2025-11-25 16:00:00 UTC"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HumanFormat {

  /** Shown for an absent value. */
  public static final String ABSENT = "-";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private HumanFormat() {}

  /**
   * Reads a zone people give to show times in ({@code --zone}, {@code REBALANCE_ZONE}, the
   * dashboard's {@code ?zone=}): a zone id such as {@code UTC} or {@code America/New_York},
   * surrounding blanks ignored.
   *
   * @param text the zone id as given
   * @return the zone
   * @throws IllegalArgumentException naming what was given and the form expected
   */
  public static ZoneId parseZone(String text) {
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "expected a zone id such as UTC or America/New_York, was " + Identifiers.quote(text), e);
    }
  }

  /**
   * Money to cents with thousands separators: {@code 9239.0136988457124} is {@code 9,239.01}.
   *
   * @param amount the amount
   * @return the text
   */
  public static String money(BigDecimal amount) {
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f.format(amount.setScale(2, RoundingMode.HALF_EVEN));
  }

  /**
   * A fraction as a percentage to two decimals: {@code -0.0268338705} is {@code -2.68%}.
   *
   * @param fraction the fraction (0.2 is 20 %)
   * @return the text
   */
  public static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  /**
   * A fraction as a signed percentage: {@code 0.2} is {@code +20.00%}, {@code -0.05} {@code
   * -5.00%}.
   *
   * @param fraction the fraction
   * @return the text
   */
  public static String signedPercent(BigDecimal fraction) {
    String s = percent(fraction);
    return s.startsWith("-") || isZero(s) ? s : "+" + s;
  }

  /**
   * A score to two decimals: {@code 25.4941176471} is {@code 25.49}.
   *
   * @param score the score
   * @return the text
   */
  public static String score(BigDecimal score) {
    return score.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * A score difference, signed: {@code 23.2} is {@code +23.20}.
   *
   * @param diff the difference
   * @return the text
   */
  public static String scoreDiff(BigDecimal diff) {
    String s = score(diff);
    return s.startsWith("-") || isZero(s) ? s : "+" + s;
  }

  /**
   * A quantity exactly, without trailing zeros: {@code 10.500000000} is {@code 10.5}.
   *
   * @param qty the quantity
   * @return the text
   */
  public static String quantity(BigDecimal qty) {
    return qty.signum() == 0 ? "0" : qty.stripTrailingZeros().toPlainString();
  }

  /**
   * A time to the second in {@code zone}, with the zone: {@code 2025-11-25 16:00:00 UTC}, or {@code
   * 2025-11-25 11:00:00 America/New_York}.
   *
   * @param t the time
   * @param zone the zone to show it in
   * @return the text
   */
  public static String time(Instant t, ZoneId zone) {
    return TIME.format(t.atZone(zone)) + " " + zone(zone);
  }

  /**
   * The label {@link #time} puts after a time in {@code zone}: {@code UTC} (also for {@link
   * ZoneOffset#UTC}), {@code America/New_York}.
   *
   * @param zone the zone
   * @return its label
   */
  public static String zone(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /**
   * A duration in its two largest units: {@code 5d 0h}, {@code 1h 57m}, {@code 15m}; a negative one
   * is {@code -}.
   *
   * @param d the duration
   * @return the text
   */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      return ABSENT;
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    return hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
  }

  /**
   * {@link #money}, or {@code -} when absent.
   *
   * @param amount the amount
   * @return the text
   */
  public static String money(Optional<BigDecimal> amount) {
    return amount.map(HumanFormat::money).orElse(ABSENT);
  }

  /**
   * {@link #percent}, or {@code -} when absent.
   *
   * @param fraction the fraction
   * @return the text
   */
  public static String percent(Optional<BigDecimal> fraction) {
    return fraction.map(HumanFormat::percent).orElse(ABSENT);
  }

  /**
   * {@link #score}, or {@code -} when absent.
   *
   * @param score the score
   * @return the text
   */
  public static String score(Optional<BigDecimal> score) {
    return score.map(HumanFormat::score).orElse(ABSENT);
  }

  /**
   * {@link #quantity}, or {@code -} when absent.
   *
   * @param qty the quantity
   * @return the text
   */
  public static String quantity(Optional<BigDecimal> qty) {
    return qty.map(HumanFormat::quantity).orElse(ABSENT);
  }

  /**
   * {@link #time}, or {@code -} when absent.
   *
   * @param t the time
   * @param zone the zone to show it in
   * @return the text
   */
  public static String time(Optional<Instant> t, ZoneId zone) {
    return t.map(x -> time(x, zone)).orElse(ABSENT);
  }

  private static boolean isZero(String s) {
    return s.chars().noneMatch(c -> c >= '1' && c <= '9');
  }
}
