package dev.rebalance.cli.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * One logger of the command line: prints each event it is enabled for as one line on standard error
 * (as it is at the time of the event, so a test that redirects {@code System.err} sees it), {@code
 * 2026-11-26T03:12:45.123Z WARN EntryReconciler - message key=value key="two words"} (the time in
 * UTC; values quoted as logfmt quotes them, see {@link #appendValue}), followed by the stack trace
 * of its throwable, if any. Markers are not printed.
 *
 * <p>Thread-safe: an event's text is built first and printed under one lock, so lines of concurrent
 * events never interleave.
 */
final class CliLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private static final long serialVersionUID = 1L;

  /** Serialises printing across all loggers. */
  private static final Object PRINTING = new Object();

  private final transient int threshold;
  private final transient String shortName;
  private final transient Supplier<PrintStream> sink;
  private final transient Supplier<Instant> now;

  CliLogger(String name, int threshold, Supplier<PrintStream> sink, Supplier<Instant> now) {
    this.name = name;
    this.threshold = threshold;
    this.shortName = name.substring(name.lastIndexOf('.') + 1);
    this.sink = sink;
    this.now = now;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected @Nullable String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level,
      @Nullable Marker marker,
      @Nullable String messagePattern,
      Object @Nullable [] arguments,
      @Nullable Throwable throwable) {
    print(level, messagePattern, arguments, throwable, null);
  }

  /** The fluent API's events ({@code log.atWarn().addKeyValue(...).log(...)}) come here. */
  @Override
  public void log(LoggingEvent event) {
    if (enabled(event.getLevel())) {
      print(
          event.getLevel(),
          event.getMessage(),
          event.getArgumentArray(),
          event.getThrowable(),
          event.getKeyValuePairs());
    }
  }

  private void print(
      Level level,
      @Nullable String pattern,
      Object @Nullable [] arguments,
      @Nullable Throwable throwable,
      @Nullable List<KeyValuePair> keyValues) {
    FormattingTuple message = MessageFormatter.arrayFormat(pattern, arguments, throwable);
    StringBuilder line = new StringBuilder(128);
    line.append(Stamp.FORMAT.format(now.get().truncatedTo(ChronoUnit.MILLIS)))
        .append(' ')
        .append(level)
        .append(' ')
        .append(shortName)
        .append(" - ")
        .append(message.getMessage());
    if (keyValues != null) {
      for (KeyValuePair pair : keyValues) {
        line.append(' ').append(pair.key).append('=');
        appendValue(line, String.valueOf(pair.value));
      }
    }
    line.append(System.lineSeparator());
    Throwable cause = message.getThrowable();
    if (cause != null) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace, true));
      line.append(trace);
    }
    synchronized (PRINTING) {
      PrintStream out = sink.get();
      out.print(line);
      out.flush();
    }
  }

  /**
   * A key's value as logfmt writes it: as it is, or in double quotes (with {@code "} and {@code \\}
   * escaped) if it is empty or holds a space, a quote, a backslash, an {@code =} or a control
   * character, so that {@code store="SQLite store /data/x.db" from_version=0} reads back
   * unambiguously.
   */
  static void appendValue(StringBuilder line, String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '\\' && c != '=' && c != 0x7f;
    }
    if (plain) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> line.append(c);
      }
    }
    line.append('"');
  }

  /** The time stamp's format, made at the first line printed rather than at start-up. */
  private static final class Stamp {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
  }
}
