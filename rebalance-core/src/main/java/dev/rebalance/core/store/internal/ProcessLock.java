package dev.rebalance.core.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock across threads and processes on one lock file: a {@link ReentrantLock} shared
 * by every store instance in this JVM that uses the same file, around an OS file lock ({@link
 * FileChannel#lock()}) that excludes other processes. One channel per file per JVM, so closing one
 * instance can never drop another instance's OS lock (POSIX releases a process's locks when any of
 * its descriptors for the file is closed). Thread-safe.
 */
public final class ProcessLock {
  private static final Map<Path, ProcessLock> OPEN = new HashMap<>();

  private final Path file;
  private final ReentrantLock jvmLock = new ReentrantLock();
  private final FileChannel channel;
  private @Nullable FileLock osLock;
  private int users;

  private ProcessLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * The lock for {@code file}, opening (and creating) the file if this JVM does not hold it yet.
   * Each call must be matched by one {@link #release()}.
   *
   * @param file the lock file
   * @return the lock
   * @throws IOException if the file cannot be opened
   */
  public static ProcessLock acquireHandle(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    synchronized (OPEN) {
      ProcessLock l = OPEN.get(key);
      if (l == null) {
        l =
            new ProcessLock(
                key,
                FileChannel.open(
                    key,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        OPEN.put(key, l);
      }
      l.users++;
      return l;
    }
  }

  /**
   * Gives the handle back; the file is closed when the last instance in this JVM releases it.
   *
   * @throws IOException if closing fails
   */
  public void release() throws IOException {
    synchronized (OPEN) {
      if (--users == 0) {
        OPEN.remove(file);
        jvmLock.lock();
        try {
          channel.close();
        } finally {
          jvmLock.unlock();
        }
      }
    }
  }

  /**
   * Takes the lock: first among this JVM's threads, then among processes. Reentrant.
   *
   * @throws IOException if the OS lock cannot be taken
   */
  public void lock() throws IOException {
    jvmLock.lock();
    if (jvmLock.getHoldCount() > 1) {
      return;
    }
    try {
      osLock = channel.lock();
    } catch (IOException | RuntimeException e) {
      jvmLock.unlock();
      throw e;
    }
  }

  /**
   * Releases the lock.
   *
   * @throws IOException if the OS lock cannot be released
   */
  public void unlock() throws IOException {
    try {
      if (jvmLock.getHoldCount() == 1 && osLock != null) {
        FileLock l = osLock;
        osLock = null;
        l.release();
      }
    } finally {
      jvmLock.unlock();
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }
}
