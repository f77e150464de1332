package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rebalance.tck.process.SyncAudit;
import dev.rebalance.tck.process.UriStoreOpener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit README's SyncAudit snippet, as written, against rebalance-core's JSON store. */
class JsonStoreSyncAuditTest {
  @TempDir Path dir;

  @Test
  void everyWriteIsSyncedBeforeItReturns() throws Exception {
    assumeTrue(SyncAudit.isAvailable(), "skipped: strace is needed to observe fsync");
    SyncAudit.Result r = SyncAudit.run(UriStoreOpener.class, "json:" + dir, 40);
    assertThat(r.unsynced()).as("clause 7: writes acknowledged without a sync").isEmpty();
  }
}
