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
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
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
    root.detachAppender(appender);
  }
}
