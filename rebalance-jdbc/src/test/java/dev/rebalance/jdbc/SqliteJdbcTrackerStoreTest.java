package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.TrackerStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteJdbcTrackerStoreTest extends JdbcStoreBehaviour {
  @TempDir Path dir;
  private int n;
  private Path file;

  @Override
  protected JdbcTrackerStore createStore() {
    file = dir.resolve("db" + (++n)).resolve("rebalance.db");
    return JdbcTrackerStore.sqlite(file);
  }

  @Override
  protected JdbcTrackerStore reopen() {
    return JdbcTrackerStore.sqlite(file);
  }

  @Override
  protected DataSource dataSource() {
    if (file == null) { // a test that builds its database through the data source first
      file = dir.resolve("db" + (++n)).resolve("rebalance.db");
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }

  @Test
  void createsParentFoldersAndRunsInWalModeWithFullSync() {
    JdbcTrackerStore store = track(createStore());
    assertThat(file).exists();
    assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    assertThat(store.pragma("synchronous")).isEqualTo("2"); // FULL
    assertThat(store.pragma("busy_timeout")).isEqualTo("30000");
    assertThat(store.databaseName()).isEqualTo("SQLite");
    assertThat(store.toString()).contains(file.toAbsolutePath().normalize().toString());
  }

  @Test
  void aStoreOverAUsersSqliteDataSourceWorks() {
    track(createStore()).close();
    JdbcTrackerStore store = track(JdbcTrackerStore.create(dataSource()));
    assertThat(store.databaseName()).isEqualTo("SQLite");
    store.appendHistory("acct", event(T0, "A", "B", "1", "2.5"));
    assertThat(store.historyStats("acct").sumScoreDiff()).isEqualByComparingTo("1.5");
  }

  @Test
  void aFileThatIsNotADatabaseFailsToOpenNamingTheFile() throws IOException {
    Path bad = dir.resolve("bad.db");
    Files.writeString(
        bad, "this is not an SQLite database, just text that is long enough".repeat(20));
    assertThatThrownBy(() -> JdbcTrackerStore.sqlite(bad))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(bad.toAbsolutePath().toString())
        .hasMessageContaining("damaged")
        .hasMessageContaining("not a database");
    assertThat(Files.readString(bad)).startsWith("this is not an SQLite database");
  }

  @Test
  void aFolderThatCannotBeCreatedFailsNamingIt() throws IOException {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a folder should be");
    assertThatThrownBy(() -> JdbcTrackerStore.sqlite(blocker.resolve("sub").resolve("x.db")))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("cannot create the folder");
  }
}
