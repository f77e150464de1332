package dev.rebalance.tck.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class on this JVM's class path (the test class path under Maven
 * Surefire), with its standard output collected line by line as it arrives and its standard error
 * kept in a file for diagnostics. Used to run real separate processes against one store.
 *
 * <p>Thread-safe: the collected lines may be read while the reader thread adds to them.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final Path stderr;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // The process died; what was read is kept.
              }
            },
            "child-jvm-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} in a new JVM with this JVM's class path.
   *
   * @param mainClass the class whose {@code main} runs
   * @param args its arguments
   * @return the running child
   * @throws IOException if the process cannot start
   */
  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return start(List.of(), mainClass, args);
  }

  /**
   * Starts {@code mainClass} in a new JVM with this JVM's class path, under a wrapper command (a
   * tracer such as {@code strace -f -o FILE}) that runs the {@code java} command it is given.
   *
   * @param wrapper the command and arguments to put before {@code java}; empty for none
   * @param mainClass the class whose {@code main} runs
   * @param args its arguments
   * @return the running child
   * @throws IOException if the process cannot start
   */
  public static ChildJvm start(List<String> wrapper, Class<?> mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmx128m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("child-jvm-", ".stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    return new ChildJvm(pb.start(), err);
  }

  /** The lines printed so far (a live, thread-safe view). */
  public List<String> lines() {
    return lines;
  }

  /**
   * Waits until at least {@code count} lines have arrived, the process exits, or the timeout
   * passes, polling.
   *
   * @param count the number of lines to wait for
   * @param timeout the longest wait
   * @return true if the lines arrived
   * @throws InterruptedException if interrupted
   */
  public boolean awaitLines(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lines.size() < count && process.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      TimeUnit.MICROSECONDS.sleep(200);
    }
    return lines.size() >= count;
  }

  /**
   * Kills the process with SIGKILL (no shutdown hooks, no flushing) and waits for it to die and for
   * its last output to be read.
   *
   * @throws InterruptedException if interrupted
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }

  /**
   * Waits for the process to exit on its own.
   *
   * @param timeout the longest wait
   * @return its exit code
   * @throws InterruptedException if interrupted
   * @throws IllegalStateException if it did not exit in time (it is then killed)
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException("child did not exit within " + timeout + "; " + describe());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The pid and the end of standard error, for failure messages. */
  public String describe() {
    String err;
    try {
      err = Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err = "(stderr unreadable: " + e + ")";
    }
    if (err.length() > 4000) {
      err = "..." + err.substring(err.length() - 4000);
    }
    return "pid " + process.pid() + ", stderr:\n" + err;
  }

  /** Kills the process if still running and deletes the stderr file. */
  @Override
  public void close() throws InterruptedException, IOException {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(stderr);
  }
}
