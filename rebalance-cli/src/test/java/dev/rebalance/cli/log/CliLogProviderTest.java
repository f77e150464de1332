package dev.rebalance.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The command line's SLF4J provider: its levels, its lines, and that SLF4J picks it. */
class CliLogProviderTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-26T03:12:45.123456Z");

  private Logger logger(String name, int threshold) {
    return new CliLogger(name, threshold, () -> sink, () -> NOW);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void slf4jStartsThisProviderOnTheCommandLinesClassPath() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getEnclosingClass())
        .isEqualTo(CliLogProvider.class);
  }

  @Test
  void aLineHasTheTimeInUtcTheLevelTheShortNameTheMessageAndItsKeyValues() {
    Logger log = logger("dev.rebalance.core.tracking.EntryReconciler", Level.INFO.toInt());
    log.atWarn().addKeyValue("symbol", "AAPL").log("no fill dates {} of {}", 1, 2);
    log.info("plain {}", "text");
    assertThat(printed())
        .isEqualTo(
            "2026-11-26T03:12:45.123Z WARN EntryReconciler - no fill dates 1 of 2 symbol=AAPL"
                + System.lineSeparator()
                + "2026-11-26T03:12:45.123Z INFO EntryReconciler - plain text"
                + System.lineSeparator());
  }

  @Test
  void aValueWithSpacesQuotesOrNothingIsQuotedAsLogfmtQuotesIt() {
    Logger log = logger("x.Y", Level.INFO.toInt());
    log.atInfo()
        .addKeyValue("store", "SQLite store /data/a b.db")
        .addKeyValue("empty", "")
        .addKeyValue("quote", "say \"hi\"\\")
        .addKeyValue("line", "a\nb=c")
        .addKeyValue("none", (Object) null)
        .addKeyValue("n", 2)
        .log("m");
    assertThat(printed())
        .isEqualTo(
            "2026-11-26T03:12:45.123Z INFO Y - m store=\"SQLite store /data/a b.db\" empty=\"\""
                + " quote=\"say \\\"hi\\\"\\\\\" line=\"a\\nb=c\" none=null n=2"
                + System.lineSeparator());
  }

  @Test
  void eventsBelowTheThresholdAreNotPrinted() {
    Logger log = logger("x.Y", Level.WARN.toInt());
    log.info("hidden");
    log.atDebug().log("hidden too");
    assertThat(log.isInfoEnabled()).isFalse();
    assertThat(log.isWarnEnabled()).isTrue();
    assertThat(printed()).isEmpty();
  }

  @Test
  void aThrowableLastArgumentIsPrintedAsAStackTraceNotAsAnArgument() {
    Logger log = logger("x.Y", Level.WARN.toInt());
    log.error("failed {}", "here", new IllegalStateException("store down"));
    assertThat(printed())
        .startsWith("2026-11-26T03:12:45.123Z ERROR Y - failed here" + System.lineSeparator())
        .contains("java.lang.IllegalStateException: store down")
        .contains("\tat ");
  }

  @Test
  void theDefaultLevelIsWarnAndTheEnvironmentOrThePropertySetsIt() {
    assertThat(LogLevels.read(new Properties(), n -> null).thresholdOf("a.B"))
        .isEqualTo(Level.WARN.toInt());
    assertThat(
            LogLevels.read(new Properties(), Map.of("REBALANCE_LOG_LEVEL", "DEBUG")::get)
                .thresholdOf("a.B"))
        .isEqualTo(Level.DEBUG.toInt());
    Properties p = new Properties();
    p.setProperty("rebalance.log.level", "error");
    assertThat(LogLevels.read(p, Map.of("REBALANCE_LOG_LEVEL", "debug")::get).thresholdOf("a.B"))
        .isEqualTo(Level.ERROR.toInt());
  }

  @Test
  void theLongestMatchingPrefixSetsALoggersLevelAndOffSilencesIt() {
    Properties p = new Properties();
    p.setProperty("rebalance.log.level.dev.rebalance", "info");
    p.setProperty("rebalance.log.level.dev.rebalance.core.tracking.EntryReconciler", "off");
    LogLevels levels = LogLevels.read(p, n -> null);
    assertThat(levels.thresholdOf("dev.rebalance.core.Runtime")).isEqualTo(Level.INFO.toInt());
    assertThat(levels.thresholdOf("dev.rebalance.core.tracking.EntryReconciler"))
        .isGreaterThan(Level.ERROR.toInt());
    assertThat(levels.thresholdOf("dev.rebalancer.Other")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.thresholdOf("org.eclipse.jetty.Server")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.problems()).isEmpty();
  }

  @Test
  void aValueThatIsNoLevelIsNamedOnceAndWarnIsUsed() {
    Properties p = new Properties();
    p.setProperty("rebalance.log.level.x", "loud");
    LogLevels levels = LogLevels.read(p, Map.of("REBALANCE_LOG_LEVEL", "verbose")::get);
    assertThat(levels.thresholdOf("x.Y")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.problems())
        .contains("REBALANCE_LOG_LEVEL=verbose is not a log level")
        .contains("; using warn")
        .contains("-Drebalance.log.level.x=loud is not a log level")
        .contains("; ignored")
        .contains("expected error, warn, info, debug, trace or off");
  }

  @Test
  void itsLoggersAreKeptOnePerName() {
    CliLogProvider provider = new CliLogProvider(() -> sink, () -> NOW);
    provider.initialize();
    assertThat(provider.getLoggerFactory().getLogger("a.B"))
        .isSameAs(provider.getLoggerFactory().getLogger("a.B"));
    assertThat(provider.getRequestedApiVersion()).startsWith("2.0");
  }
}
