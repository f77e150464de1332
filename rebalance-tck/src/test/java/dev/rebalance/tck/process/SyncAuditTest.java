package dev.rebalance.tck.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.tck.JournalStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync audit against a file store that syncs every write and one that never syncs. */
class SyncAuditTest {
  @TempDir Path dir;

  @Test
  @DisplayName("A file store that never fsyncs is caught: every acknowledged write is unsynced.")
  void neverSyncingStoreFails() throws Exception {
    requireStrace();
    SyncAudit.Result r =
        SyncAudit.run(JournalStores.NeverSyncing.class, dir.resolve("journal").toString(), 12);
    assertThat(r.acknowledged()).as("acknowledged writes").isEqualTo(12);
    assertThat(r.unsynced())
        .as("clause 7: writes acknowledged without a sync")
        .hasSize(12)
        .startsWith("ack entry 0", "ack lock 1", "ack history 2", "ack rebalance 3");
  }

  @Test
  @DisplayName("A file store that syncs every write passes.")
  void syncingStorePasses() throws Exception {
    requireStrace();
    SyncAudit.Result r =
        SyncAudit.run(JournalStores.Syncing.class, dir.resolve("journal").toString(), 12);
    assertThat(r.acknowledged()).as("acknowledged writes").isEqualTo(12);
    assertThat(r.syncs()).as("syncs").isGreaterThanOrEqualTo(12);
    assertThat(r.unsynced()).as("clause 7: writes acknowledged without a sync").isEmpty();
  }

  @Test
  @DisplayName("The trace reader follows interleaved threads, resumed calls and O_DSYNC files.")
  void analyseReadsStraceOutput() {
    SyncAudit.Result r =
        SyncAudit.analyse(
            List.of(
                "100 write(1, \"ready\\n\", 6) = 6",
                "100 write(7, \"entry E0\\n\", 9) = 9",
                "101 fdatasync(7 <unfinished ...>",
                "100 write(2, \"noise\", 5) = 5",
                "101 <... fdatasync resumed>) = 0",
                "100 write(1, \"ack entry 0\\n\", 12) = 12",
                "100 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT|O_DSYNC, 0644) = 9",
                "100 write(9, \"lock L1\\n\", 8) = 8",
                "100 write(1, \"ack lock 1\\n\", 11) = 11",
                "100 openat(AT_FDCWD, \"/tmp/y\", O_WRONLY|O_CREAT, 0644) = 9",
                "100 write(9, \"history N2\\n\", 11) = 11",
                "100 write(1, \"ack history 2\\n\", 14) = 14",
                "100 fsync(9) = -1 EIO (Input/output error)",
                "100 write(1, \"ack rebalance 3\\n\", 16) = 16"));
    assertThat(r.acknowledged()).isEqualTo(4);
    assertThat(r.syncs()).isEqualTo(2);
    assertThat(r.unsynced()).containsExactly("ack history 2", "ack rebalance 3");
  }

  /** In CI strace is installed by .ci/run, so a missing strace fails there instead of skipping. */
  private static void requireStrace() {
    if (System.getenv("CI") != null) {
      assertThat(SyncAudit.isAvailable())
          .as("strace is needed for the sync audit in CI (.ci/run installs it)")
          .isTrue();
    }
    Assumptions.assumeTrue(
        SyncAudit.isAvailable(), "skipped: strace is not installed or not permitted");
  }
}
