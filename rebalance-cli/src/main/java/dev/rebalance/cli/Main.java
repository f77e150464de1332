package dev.rebalance.cli;

import dev.rebalance.cli.log.CliLogProvider;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point of {@code rebalance.jar}. */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    prepareProcess();
    System.exit(run(args));
  }

  /**
   * On JDK 17 to 20, has the JVM read its locale data from the JRE's own tables ({@code
   * java.locale.providers=COMPAT}) rather than CLDR's, unless the property is set already. The
   * SQLite driver builds a {@code Calendar} and date-format symbols at start-up, and CLDR's
   * calendar data for them took about 11 ms of every command (BENCHMARKS.md, "CLI start-up"); the
   * JRE's far less. Nothing the command prints depends on it: every figure and time is formatted
   * with {@code Locale.ROOT} or a fixed pattern. From JDK 21 on the JRE's tables are deprecated
   * (the JVM warns when they are asked for), so they are left alone there.
   */
  static void preferCompatLocaleData() {
    if (Runtime.version().feature() < 21 && System.getProperty(LOCALE_PROVIDERS) == null) {
      System.setProperty(LOCALE_PROVIDERS, "COMPAT");
    }
  }

  private static final String LOCALE_PROVIDERS = "java.locale.providers";

  /**
   * The settings a command's process starts with, before anything logs: {@link
   * #preferCompatLocaleData()}, and SLF4J told which provider to start ({@link CliLogProvider}, in
   * {@code slf4j.provider}) rather than searching the class path for one, and to keep its own
   * informational notes (such as "Attempting to load provider") to itself. Settings already made,
   * with {@code -D} for example, are kept.
   */
  static void prepareProcess() {
    preferCompatLocaleData();
    setIfAbsent("slf4j.provider", CliLogProvider.class.getName());
    setIfAbsent("slf4j.internal.verbosity", "WARN");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /**
   * Runs the command without exiting; tests call this.
   *
   * @param args the command line
   * @return the exit code (0 success, 1 could not do what was asked, 2 bad usage or input)
   */
  public static int run(String... args) {
    PrintWriter out = writer(System.out, "sun.stdout.encoding");
    PrintWriter err = writer(System.err, "sun.stderr.encoding");
    OptionalInt fast = FastPath.run(args, out, err, Clock.systemUTC(), System::getenv);
    if (fast.isPresent()) {
      return fast.getAsInt();
    }
    return run(out, err, RebalanceCommand.commandLineFor(args), args);
  }

  /**
   * The writer picocli would make for {@code stream}: buffered, flushed at each line, in the
   * encoding the JVM reports for the stream (else the default charset).
   */
  private static PrintWriter writer(OutputStream stream, String encodingProperty) {
    Charset charset = Charset.defaultCharset();
    String name = System.getProperty(encodingProperty);
    if (name != null) {
      try {
        charset = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
      } catch (IllegalArgumentException e) {
        // an unknown or unsupported encoding: the default charset, as picocli falls back
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }

  /**
   * Runs the command with its output, errors and clock given; tests call this to capture output.
   *
   * @param out where results go (standard output)
   * @param err where errors go (standard error)
   * @param clock the clock commands read the time from
   * @param args the command line
   * @return the exit code (0 success, 1 could not do what was asked, 2 bad usage or input)
   */
  public static int run(PrintWriter out, PrintWriter err, Clock clock, String... args) {
    OptionalInt fast = FastPath.run(args, out, err, clock, System::getenv);
    if (fast.isPresent()) {
      return fast.getAsInt();
    }
    return run(out, err, RebalanceCommand.commandLine(clock), args);
  }

  /**
   * Runs the command with its output, errors, clock and environment variables given; tests call
   * this to inject {@code APCA_*} values instead of the process environment.
   *
   * @param out where results go (standard output)
   * @param err where errors go (standard error)
   * @param clock the clock commands read the time from
   * @param environment the environment variables commands read
   * @param args the command line
   * @return the exit code (0 success, 1 could not do what was asked, 2 bad usage or input)
   */
  public static int run(
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      Map<String, String> environment,
      String... args) {
    Map<String, String> env = Map.copyOf(environment);
    OptionalInt fast = FastPath.run(args, out, err, clock, () -> env);
    if (fast.isPresent()) {
      return fast.getAsInt();
    }
    return run(out, err, RebalanceCommand.commandLine(clock, env), args);
  }

  private static int run(PrintWriter out, PrintWriter err, CommandLine cl, String... args) {
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
