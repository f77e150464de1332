package dev.rebalance.tck;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.process.StoreOpener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * File-backed stores for the kit's sync audit self-test: the reference store that also appends a
 * line per write to a journal file, syncing it before returning, or (the broken one) never syncing.
 * Only what the audit's worker writes is journalled.
 */
public final class JournalStores {
  private JournalStores() {}

  /** The reference store plus an append-only journal, synced or not. */
  static final class JournalStore extends ReferenceStore {
    private final FileChannel journal;
    private final boolean sync;

    JournalStore(Path file, boolean sync) {
      this.sync = sync;
      try {
        this.journal =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void journal(String line) {
      try {
        journal.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        if (sync) {
          journal.force(false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void putEntry(String account, TrackedEntry entry) {
      super.putEntry(account, entry);
      journal("entry " + entry.symbol());
    }

    @Override
    public synchronized void putLock(String account, PositionLock lock) {
      super.putLock(account, lock);
      journal("lock " + lock.symbol());
    }

    @Override
    public synchronized boolean appendHistory(String account, RebalanceEvent event) {
      boolean appended = super.appendHistory(account, event);
      journal("history " + event.newSymbol());
      return appended;
    }

    @Override
    public synchronized void setLastRebalance(String account, Instant at) {
      super.setLastRebalance(account, at);
      journal("last " + at);
    }

    @Override
    public void close() {
      try {
        journal.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Opens a journal store that syncs every write. */
  public static final class Syncing implements StoreOpener {
    /** For the worker. */
    public Syncing() {}

    @Override
    public TrackerStore open(String location) {
      return new JournalStore(Path.of(location), true);
    }
  }

  /**
   * Opens a journal store that never syncs: every write sits in the page cache until the OS flushes
   * it.
   */
  public static final class NeverSyncing implements StoreOpener {
    /** For the worker. */
    public NeverSyncing() {}

    @Override
    public TrackerStore open(String location) {
      return new JournalStore(Path.of(location), false);
    }
  }
}
