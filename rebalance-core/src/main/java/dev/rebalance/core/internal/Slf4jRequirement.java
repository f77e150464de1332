package dev.rebalance.core.internal;

import dev.rebalance.api.RebalanceException;
import java.net.URL;
import java.security.CodeSource;
import org.slf4j.Logger;

/**
 * Rebalance logs through SLF4J 2's fluent API ({@code log.atInfo()...log()}), which SLF4J 1.7
 * lacks: on a 1.7 class path every log call would fail with a {@link NoSuchMethodError} in the
 * middle of an operation. The entry points that log call {@link #check()} first, so a wrong class
 * path fails at once, with a message naming the version found, the version needed and what to add.
 *
 * <p>Thread-safe; the class path is inspected once.
 */
public final class Slf4jRequirement {
  /** The oldest slf4j-api Rebalance works with. */
  public static final String NEEDED = "2.0.0";

  private static volatile boolean satisfied;

  private Slf4jRequirement() {}

  /**
   * Fails unless the slf4j-api on the class path is 2.0 or newer.
   *
   * @throws RebalanceException naming the slf4j-api found, the version needed and the fix
   */
  public static void check() {
    if (satisfied) {
      return;
    }
    if (!hasFluentApi()) {
      throw new RebalanceException(
          "Rebalance needs SLF4J 2 (slf4j-api "
              + NEEDED
              + " or newer) but the class path has slf4j-api "
              + versionFound()
              + ", which has no fluent logging API (org.slf4j.Logger.atInfo()). Import"
              + " dev.rebalance:rebalance-bom in <dependencyManagement> (it manages slf4j-api) or"
              + " declare org.slf4j:slf4j-api 2.x yourself, and use an SLF4J 2 provider:"
              + " org.slf4j:slf4j-simple 2.x, or ch.qos.logback:logback-classic 1.3 or newer.");
    }
    satisfied = true;
  }

  private static boolean hasFluentApi() {
    try {
      Logger.class.getMethod("atInfo");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The version in slf4j-api's manifest, else the jar it was loaded from. */
  static String versionFound() {
    Package p = Logger.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    String from = "";
    CodeSource source = Logger.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location != null) {
      from = " (" + location + ")";
    }
    return (version == null ? "1.x" : version) + from;
  }
}
