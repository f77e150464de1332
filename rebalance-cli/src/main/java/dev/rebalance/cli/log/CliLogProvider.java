package dev.rebalance.cli.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The command line's SLF4J provider. Each event a logger is enabled for is one line on standard
 * error ({@link CliLogger}); which are enabled is set by {@code REBALANCE_LOG_LEVEL} (default
 * {@code warn}) and the system properties {@code rebalance.log.level} and {@code
 * rebalance.log.level.NAME} ({@link LogLevels}). The MDC is not kept.
 *
 * <p>It exists for start-up time: starting it reads two settings and makes no date format, no
 * properties file and no configuration (BENCHMARKS.md, "CLI start-up"). {@code Main} names it in
 * the {@code slf4j.provider} system property, so SLF4J does not search the class path for providers
 * either; its service file serves anyone who runs the classes another way.
 *
 * <p>Thread-safe once {@link #initialize()} returned, as SLF4J calls it.
 */
public final class CliLogProvider implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final Supplier<PrintStream> sink;
  private final Supplier<Instant> now;
  private volatile @Nullable Factory factory;

  /** Creates the provider SLF4J starts: standard error, the system clock. */
  public CliLogProvider() {
    this(() -> System.err, Instant::now);
  }

  CliLogProvider(Supplier<PrintStream> sink, Supplier<Instant> now) {
    this.sink = sink;
    this.now = now;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    Factory f = factory;
    if (f == null) {
      throw new IllegalStateException("SLF4J has not initialised CliLogProvider");
    }
    return f;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    LogLevels levels = LogLevels.read(System.getProperties(), System::getenv);
    if (!levels.problems().isEmpty()) {
      PrintStream out = sink.get();
      out.print(levels.problems());
      out.flush();
    }
    factory = new Factory(levels, sink, now);
  }

  /** One logger per name, made at first request. */
  private static final class Factory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogLevels levels;
    private final Supplier<PrintStream> sink;
    private final Supplier<Instant> now;

    Factory(LogLevels levels, Supplier<PrintStream> sink, Supplier<Instant> now) {
      this.levels = levels;
      this.sink = sink;
      this.now = now;
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new CliLogger(n, levels.thresholdOf(n), sink, now));
    }
  }
}
