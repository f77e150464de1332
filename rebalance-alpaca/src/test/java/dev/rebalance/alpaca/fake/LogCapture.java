package dev.rebalance.alpaca.fake;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures every log event (with its key-value pairs and throwable) while open. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger;
  private final boolean additiveBefore;

  /** Captures every logger's events; they are printed as usual too. */
  public LogCapture() {
    this(org.slf4j.Logger.ROOT_LOGGER_NAME, true);
  }

  private LogCapture(String name, boolean additive) {
    logger = (Logger) LoggerFactory.getLogger(name);
    additiveBefore = logger.isAdditive();
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(additive);
  }

  /**
   * Captures the events of one logger (and its children) instead of printing them: for a test that
   * provokes an error on purpose, which then checks the event rather than showing it.
   *
   * @param loggerName the logger to capture, a class's name for example
   * @return the capture; close it to print that logger's events again
   */
  public static LogCapture insteadOfPrinting(String loggerName) {
    return new LogCapture(loggerName, false);
  }

  /** Each event rendered as message, key-values, arguments and throwable messages. */
  public List<String> lines() {
    synchronized (appender.list) {
      return appender.list.stream().map(LogCapture::render).collect(Collectors.toList());
    }
  }

  public List<String> events() {
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getMessage).collect(Collectors.toList());
    }
  }

  private static String render(ILoggingEvent e) {
    StringBuilder sb = new StringBuilder(e.getFormattedMessage());
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs()
          .forEach(kv -> sb.append(' ').append(kv.key).append('=').append(kv.value));
    }
    var t = e.getThrowableProxy();
    while (t != null) {
      sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      t = t.getCause();
    }
    return sb.toString();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setAdditive(additiveBefore);
  }
}
