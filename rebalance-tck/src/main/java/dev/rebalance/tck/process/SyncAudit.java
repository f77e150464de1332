package dev.rebalance.tck.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a store which promises crash durability (clause 7: "for stores that say so, a crash
 * of the process" — and of the machine) makes each write durable before it returns: a worker
 * process writes entries, locks, history events and last-rebalance times, and every write must be
 * followed by an {@code fsync}, {@code fdatasync}, {@code msync}, {@code sync_file_range} or a
 * write to a file opened with {@code O_SYNC}/{@code O_DSYNC} before the worker prints its
 * acknowledgement.
 *
 * <p>Why a separate check: {@link CrashSafety}'s SIGKILL cannot catch a store that never syncs,
 * because the operating system keeps a killed process's written pages and writes them out later;
 * only a power loss or kernel crash loses them, and neither can be staged on one machine by a test.
 * So this audit observes the system calls instead, with {@code strace} (Linux; it must be installed
 * and ptrace permitted — {@link #isAvailable()} says whether it is). It sees native code too
 * (SQLite, a JDBC driver's local files). What it cannot see: whether the device honours the sync (a
 * disk cache that lies), whether the right file was synced (a store syncing a log but renaming a
 * snapshot without syncing its directory passes), and stores whose durability lives in another
 * process (a database server: audit the server's configuration instead, e.g. PostgreSQL's {@code
 * fsync} and {@code synchronous_commit}).
 *
 * <pre>{@code
 * assumeTrue(SyncAudit.isAvailable(), "strace is needed to observe fsync");
 * SyncAudit.Result r = SyncAudit.run(UriStoreOpener.class, "json:" + dir, 40);
 * assertThat(r.unsynced()).as("clause 7: writes acknowledged without a sync").isEmpty();
 * }</pre>
 *
 * <p>Stateless; each call starts its own process.
 */
public final class SyncAudit {
  /** The account the worker writes to. */
  public static final String ACCOUNT = "sync-audit";

  private static final Set<String> SYNC_CALLS =
      Set.of("fsync", "fdatasync", "msync", "sync_file_range", "sync", "syncfs");
  private static final Set<String> WRITE_CALLS = Set.of("write", "pwrite64", "writev", "pwritev");
  private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)$");
  private static final Pattern RESUMED =
      Pattern.compile("^(\\d+)\\s+<\\.\\.\\. (\\w+) resumed>(.*)$");
  private static final Pattern RETURN = Pattern.compile("\\)\\s+=\\s+(-?\\d+)");
  private static final Pattern ACK = Pattern.compile("^1, \"(ack [^\"\\\\]*)");

  private SyncAudit() {}

  /**
   * What an audit found.
   *
   * @param acknowledged how many writes the worker acknowledged
   * @param syncs how many sync calls (and synchronous writes) it made in all
   * @param unsynced the acknowledgements ({@code "ack lock 1"}) with no sync since the previous one
   * @param elapsed how long the audit took
   */
  public record Result(int acknowledged, int syncs, List<String> unsynced, Duration elapsed) {}

  /**
   * Whether {@code strace} is installed and allowed to trace a child process here.
   *
   * @return true if {@link #run} can work
   */
  public static boolean isAvailable() {
    try {
      Process p =
          new ProcessBuilder("strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs a worker that opens the store and makes {@code writes} writes under {@code strace}, then
   * checks that a sync came between every two acknowledgements.
   *
   * @param opener the class the worker opens the store with
   * @param location the store's location, passed to the opener
   * @param writes how many writes (at least 1)
   * @return what was found
   * @throws IllegalStateException if strace is not available, or the worker fails
   * @throws Exception if the worker cannot be started or the trace read
   */
  public static Result run(Class<? extends StoreOpener> opener, String location, int writes)
      throws Exception {
    if (writes < 1) {
      throw new IllegalArgumentException("writes must be >= 1, was " + writes);
    }
    if (!isAvailable()) {
      throw new IllegalStateException(
          "SyncAudit needs strace (installed, and ptrace permitted); check SyncAudit.isAvailable()");
    }
    long start = System.nanoTime();
    Path trace = Files.createTempFile("sync-audit-", ".strace");
    try {
      List<String> wrapper =
          List.of(
              "strace",
              "-f",
              "-qq",
              "-s",
              "64",
              "-o",
              trace.toString(),
              "-e",
              "trace=write,pwrite64,writev,pwritev,open,openat,fsync,fdatasync,msync,"
                  + "sync_file_range,sync,syncfs");
      try (ChildJvm child =
          ChildJvm.start(
              wrapper,
              StoreWorker.class,
              opener.getName(),
              location,
              ACCOUNT,
              "sync",
              String.valueOf(writes))) {
        int exit = child.awaitExit(Duration.ofMinutes(3));
        if (exit != 0) {
          throw new IllegalStateException(
              "sync-audit worker exited with " + exit + ": " + child.describe());
        }
      }
      Result r = analyse(Files.readAllLines(trace, StandardCharsets.UTF_8));
      return new Result(
          r.acknowledged(), r.syncs(), r.unsynced(), Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Files.deleteIfExists(trace);
    }
  }

  /** Reads an {@code strace -f} log: pairs each acknowledgement with the syncs before it. */
  static Result analyse(List<String> lines) {
    Map<String, String> pending = new HashMap<>();
    Set<String> syncFds = new HashSet<>();
    List<String> unsynced = new ArrayList<>();
    int acknowledged = 0;
    int syncs = 0;
    int syncsSinceAck = 0;
    for (String raw : lines) {
      String name;
      String rest;
      Matcher resumed = RESUMED.matcher(raw);
      Matcher call = CALL.matcher(raw);
      if (resumed.matches()) {
        name = resumed.group(2);
        rest = pending.getOrDefault(resumed.group(1) + " " + name, "") + resumed.group(3);
        pending.remove(resumed.group(1) + " " + name);
      } else if (call.matches()) {
        name = call.group(2);
        rest = call.group(3);
        if (rest.endsWith("<unfinished ...>")) {
          pending.put(
              call.group(1) + " " + name,
              rest.substring(0, rest.length() - "<unfinished ...>".length()));
          continue;
        }
      } else {
        continue;
      }
      Matcher ret = RETURN.matcher(rest);
      long value = -1;
      while (ret.find()) {
        value = Long.parseLong(ret.group(1));
      }
      if (SYNC_CALLS.contains(name)) {
        if (value == 0) {
          syncs++;
          syncsSinceAck++;
        }
      } else if (name.equals("open") || name.equals("openat")) {
        if (value >= 0) {
          String fd = String.valueOf(value);
          if (rest.contains("O_SYNC") || rest.contains("O_DSYNC")) {
            syncFds.add(fd);
          } else {
            syncFds.remove(fd);
          }
        }
      } else if (WRITE_CALLS.contains(name) && value > 0) {
        String fd = rest.substring(0, Math.max(0, rest.indexOf(',')));
        Matcher ack = ACK.matcher(rest);
        if (fd.equals("1") && ack.find()) {
          acknowledged++;
          if (syncsSinceAck == 0) {
            unsynced.add(ack.group(1).trim());
          }
          syncsSinceAck = 0;
        } else if (fd.equals("1") && rest.startsWith("1, \"ready")) {
          syncsSinceAck = 0;
        } else if (syncFds.contains(fd)) {
          syncs++;
          syncsSinceAck++;
        }
      }
    }
    return new Result(acknowledged, syncs, List.copyOf(unsynced), Duration.ZERO);
  }
}
