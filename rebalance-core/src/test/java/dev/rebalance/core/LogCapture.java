package dev.rebalance.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Captures a logger's events so tests can check event names and keys. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previous;

  public LogCapture(Class<?> type) {
    logger = (Logger) LoggerFactory.getLogger(type);
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  /** Runs {@code work} with {@code type}'s logger quiet (warnings and errors only). */
  public static void quietly(Class<?> type, Runnable work) {
    quietly(List.of(type), work);
  }

  /** Runs {@code work} with the loggers of {@code types} quiet (warnings and errors only). */
  public static void quietly(List<Class<?>> types, Runnable work) {
    List<Logger> loggers = types.stream().map(t -> (Logger) LoggerFactory.getLogger(t)).toList();
    List<Level> before = loggers.stream().map(Logger::getLevel).toList();
    loggers.forEach(l -> l.setLevel(Level.WARN));
    try {
      work.run();
    } finally {
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).setLevel(before.get(i));
      }
    }
  }

  /** The key-value pairs of every event with this message, oldest first. */
  public List<Map<String, String>> events(String name) {
    return appender.list.stream()
        .filter(e -> e.getMessage().equals(name))
        .map(
            e ->
                (e.getKeyValuePairs() == null ? List.<KeyValuePair>of() : e.getKeyValuePairs())
                    .stream()
                        .filter(kv -> kv.value != null)
                        .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value))))
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
