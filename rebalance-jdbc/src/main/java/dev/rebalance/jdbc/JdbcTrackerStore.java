package dev.rebalance.jdbc;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.jdbc.internal.AccountQuery;
import dev.rebalance.jdbc.internal.ConnectionSource;
import dev.rebalance.jdbc.internal.CooldownTable;
import dev.rebalance.jdbc.internal.DataSourceConnectionSource;
import dev.rebalance.jdbc.internal.Dialect;
import dev.rebalance.jdbc.internal.EntryTable;
import dev.rebalance.jdbc.internal.FillTable;
import dev.rebalance.jdbc.internal.HistoryTable;
import dev.rebalance.jdbc.internal.IntentTable;
import dev.rebalance.jdbc.internal.LockTable;
import dev.rebalance.jdbc.internal.Migrations;
import dev.rebalance.jdbc.internal.PostgresUri;
import dev.rebalance.jdbc.internal.SingleConnectionSource;
import dev.rebalance.jdbc.internal.SqlRunner;
import dev.rebalance.jdbc.internal.SqlWork;
import dev.rebalance.jdbc.internal.SqliteNativeLibrary;
import dev.rebalance.jdbc.internal.StoreConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TrackerStore} in a relational database over JDBC: SQLite, the embedded default (one
 * file, shared safely by the processes of one machine), or PostgreSQL (one database shared by many
 * bot instances and many accounts).
 *
 * <p>Open one with {@link #sqlite(Path)}, with {@link #create(DataSource)} to use your own
 * connection pool (the dialect is detected from the connection's metadata), or through {@code
 * TrackerStores.open("sqlite:data/rebalance.db")} / {@code "postgresql://host/db"} via the
 * providers in this package. Opening applies the versioned schema migrations the database lacks
 * (recorded in {@code rebalance_schema_version}) and refuses, with a {@link TrackerStoreException}
 * naming both versions, a database whose schema is newer than this build knows.
 *
 * <p><b>What is stored, and how exactly.</b> Every key starts with the account. Decimals are stored
 * as text ({@link java.math.BigDecimal#toString()}), never as floating point: value and scale read
 * back equal. Instants are stored as epoch seconds plus nanoseconds, so every {@link Instant}
 * round-trips at full nanosecond precision in both databases. History is append-only and indexed by
 * (account, time, insertion order): reading the newest 50 events costs the same at a million events
 * as at a thousand; {@link #historyStats} is one aggregate query.
 *
 * <p><b>The cooldown claim</b> ({@link #claimRebalance}) is a single {@code INSERT ... ON CONFLICT
 * DO UPDATE ... WHERE last <= at - cooldown} statement, an atomic compare-and-set in one
 * transaction: PostgreSQL locks the account's row and re-checks the condition against the newest
 * committed time, SQLite runs it under its single write lock. Two processes sharing the database
 * therefore never both claim inside one cooldown window.
 *
 * <p><b>Durability.</b> When a write method returns, its transaction has committed. The SQLite
 * store made by {@link #sqlite(Path)} runs in WAL mode with {@code synchronous=FULL}: each commit
 * fsyncs the write-ahead log before returning, so an acknowledged write survives a crash of the
 * process and also a power loss or kernel crash. ({@code synchronous=NORMAL} with WAL would also
 * survive a process crash, but a power loss could lose the last commits; for an append per swap the
 * extra fsync is cheap, see BENCHMARKS.md.) With PostgreSQL, durability is the server's: committed
 * transactions survive crashes under its default {@code fsync=on, synchronous_commit=on}.
 *
 * <p>Thread-safe. A store opened from a path or a URI holds one connection that its threads take
 * turns on; a store over a {@link DataSource} borrows a connection per operation, so it is as
 * concurrent as the pool.
 */
public final class JdbcTrackerStore implements TrackerStore {

  /** How long an SQLite connection waits for another process's write lock before failing. */
  public static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(30);

  private final SqlRunner sql;
  private final Dialect dialect;
  private final EntryTable entries;
  private final LockTable locks;
  private final CooldownTable cooldowns;
  private final IntentTable intents;
  private final AccountQuery accounts;
  private final HistoryTable historyTable;
  private final FillTable fills;
  private final String name;

  private JdbcTrackerStore(ConnectionSource connections, Dialect dialect, String name) {
    this.sql = new SqlRunner(connections, name);
    this.dialect = dialect;
    this.entries = new EntryTable();
    this.locks = new LockTable();
    this.cooldowns = new CooldownTable();
    this.intents = new IntentTable();
    this.accounts = new AccountQuery();
    this.historyTable = new HistoryTable(dialect);
    this.fills = new FillTable(dialect, entries);
    this.name = name;
  }

  /**
   * Opens (creating it and its parent folders if needed) an SQLite database file in WAL mode with
   * {@code synchronous=FULL} and a busy timeout of {@link #SQLITE_BUSY_TIMEOUT}, and migrates it.
   *
   * @param file the database file, for example {@code data/rebalance.db}
   * @return the open store; close it when done
   * @throws TrackerStoreException if the folder or the database cannot be created or opened, or its
   *     schema is newer than this build knows
   */
  public static JdbcTrackerStore sqlite(Path file) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    String name = "SQLite store " + absolute;
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new TrackerStoreException(
          name + ": cannot create the folder " + absolute.getParent() + ": " + e.getMessage(), e);
    }
    SingleConnectionSource source = StoreConnections.sqlite(absolute, name, SQLITE_BUSY_TIMEOUT);
    return open(source, Dialect.SQLITE, name, Migrations.standard());
  }

  /**
   * Opens a store over a data source you own and configure (typically a connection pool), and
   * migrates the database. The dialect (SQLite or PostgreSQL) is detected from the connection's
   * metadata. Each operation borrows one connection and returns it in the auto-commit mode it had.
   * Closing the store does not close the data source.
   *
   * <p>For SQLite, configure WAL mode, {@code synchronous} and a busy timeout on the data source
   * yourself (see {@link #sqlite(Path)} for the values this library uses).
   *
   * @param dataSource the data source
   * @return the open store
   * @throws TrackerStoreException if no connection can be had, the database is neither SQLite nor
   *     PostgreSQL, or its schema is newer than this build knows
   */
  public static JdbcTrackerStore create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    SqliteNativeLibrary.prepare();
    DataSourceConnectionSource source = new DataSourceConnectionSource(dataSource);
    Dialect dialect;
    String url;
    try {
      String[] found = new String[1];
      dialect =
          source.with(
              c -> {
                found[0] = c.getMetaData().getURL();
                return Dialect.of(c);
              });
      url = found[0] == null ? "(unknown URL)" : PostgresUri.redact(found[0]);
    } catch (SQLException e) {
      throw new TrackerStoreException(
          "JDBC store over " + dataSource.getClass().getName() + ": open failed: " + e.getMessage(),
          e);
    }
    return open(source, dialect, dialect.displayName() + " store " + url, Migrations.standard());
  }

  /**
   * Opens a PostgreSQL store over one connection (reopened if it breaks), as the {@code
   * postgresql://} provider does.
   *
   * @param uri the parsed URI
   * @return the open store
   */
  static JdbcTrackerStore postgresql(PostgresUri uri) {
    SingleConnectionSource source = StoreConnections.postgresql(uri);
    return open(
        source, Dialect.POSTGRESQL, "PostgreSQL store " + uri.display(), Migrations.standard());
  }

  /**
   * Opens a store over a data source with the given migrations (tests of the upgrade path).
   *
   * @param dataSource the data source
   * @param migrations the migrations to apply
   * @return the open store
   */
  static JdbcTrackerStore create(DataSource dataSource, Migrations migrations) {
    DataSourceConnectionSource source = new DataSourceConnectionSource(dataSource);
    try {
      Dialect dialect = source.with(Dialect::of);
      return open(source, dialect, dialect.displayName() + " store (test)", migrations);
    } catch (SQLException e) {
      throw new TrackerStoreException("JDBC store: open failed: " + e.getMessage(), e);
    }
  }

  private static JdbcTrackerStore open(
      ConnectionSource source, Dialect dialect, String name, Migrations migrations) {
    StoreConnections.migrate(source, dialect, name, migrations);
    return new JdbcTrackerStore(source, dialect, name);
  }

  /**
   * The schema version of the database, as recorded in {@code rebalance_schema_version}.
   *
   * @return the version
   * @throws TrackerStoreException if it cannot be read
   */
  public int schemaVersion() {
    return run("read schema version", null, Migrations::currentVersion);
  }

  /**
   * The newest schema version this build of rebalance-jdbc writes.
   *
   * @return the version
   */
  public static int supportedSchemaVersion() {
    return Migrations.standard().latest();
  }

  /**
   * The database this store runs on.
   *
   * @return "SQLite" or "PostgreSQL"
   */
  public String databaseName() {
    return dialect.displayName();
  }

  /**
   * Reads an SQLite pragma on the store's own connection (tests check the durability settings).
   *
   * @param pragma the pragma's name
   * @return its value as text
   */
  String pragma(String pragma) {
    return run(
        "read pragma " + pragma,
        null,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
            return r.next() ? r.getString(1) : "";
          }
        });
  }

  // ---- entries --------------------------------------------------------------------------------

  @Override
  public Optional<TrackedEntry> entry(String account, String symbol) {
    requireNonNull(account, symbol, "symbol");
    return run("read entry " + symbol, account, c -> entries.entry(c, account, symbol));
  }

  @Override
  public List<TrackedEntry> entries(String account) {
    checkAccount(account);
    return run("read entries", account, c -> entries.entries(c, account));
  }

  @Override
  public void putEntry(String account, TrackedEntry entry) {
    requireNonNull(account, entry, "entry");
    run(
        "write entry " + entry.symbol(),
        account,
        SqlWork.of(
            c -> {
              entries.putEntry(c, account, entry);
            }));
  }

  @Override
  public boolean removeEntry(String account, String symbol) {
    requireNonNull(account, symbol, "symbol");
    return run("remove entry " + symbol, account, c -> entries.removeEntry(c, account, symbol));
  }

  // ---- locks ----------------------------------------------------------------------------------

  @Override
  public List<PositionLock> locks(String account) {
    checkAccount(account);
    return run("read locks", account, c -> locks.locks(c, account));
  }

  @Override
  public void putLock(String account, PositionLock lock) {
    requireNonNull(account, lock, "lock");
    run(
        "write lock " + lock.symbol(),
        account,
        SqlWork.of(
            c -> {
              locks.putLock(c, account, lock);
            }));
  }

  @Override
  public boolean removeLock(String account, String symbol) {
    requireNonNull(account, symbol, "symbol");
    return run("remove lock " + symbol, account, c -> locks.removeLock(c, account, symbol));
  }

  @Override
  public int removeAllLocks(String account) {
    checkAccount(account);
    return run("remove all locks", account, c -> locks.removeAllLocks(c, account));
  }

  // ---- history --------------------------------------------------------------------------------

  @Override
  public boolean appendHistory(String account, RebalanceEvent event) {
    requireNonNull(account, event, "event");
    return run("append history", account, c -> historyTable.appendHistory(c, account, event));
  }

  /**
   * Appends many events in one transaction, in the collection's order: either all are appended or
   * none is (an event whose swap id is already stored, or repeated in {@code events}, is skipped as
   * {@link #appendHistory} would). Much faster than one {@link #appendHistory} per event for
   * imports.
   *
   * @param account the account id
   * @param events the events
   * @throws TrackerStoreException if the write fails (nothing was appended)
   */
  public void appendAllHistory(String account, Collection<RebalanceEvent> events) {
    requireNonNull(account, events, "events");
    List<RebalanceEvent> copy = List.copyOf(events);
    run(
        "append " + copy.size() + " history events",
        account,
        SqlWork.of(
            c -> {
              historyTable.appendAllHistory(c, account, copy);
            }));
  }

  @Override
  public List<RebalanceEvent> history(String account, int limit, int offset) {
    checkAccount(account);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (limit == 0) {
      return List.of();
    }
    return run("read history", account, c -> historyTable.history(c, account, limit, offset));
  }

  @Override
  public HistoryStats historyStats(String account) {
    checkAccount(account);
    return run("aggregate history", account, c -> historyTable.historyStats(c, account));
  }

  // ---- cooldown -------------------------------------------------------------------------------

  @Override
  public Optional<Instant> lastRebalance(String account) {
    checkAccount(account);
    return run("read last rebalance", account, c -> cooldowns.lastRebalance(c, account));
  }

  @Override
  public boolean claimRebalance(String account, Instant at, Duration cooldown) {
    requireNonNull(account, at, "at");
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    return run("claim rebalance", account, c -> cooldowns.claimRebalance(c, account, at, cooldown));
  }

  @Override
  public void setLastRebalance(String account, Instant at) {
    requireNonNull(account, at, "at");
    run(
        "set last rebalance",
        account,
        SqlWork.of(
            c -> {
              cooldowns.setLastRebalance(c, account, at);
            }));
  }

  // ---- intents --------------------------------------------------------------------------------

  @Override
  public void putIntent(String account, SwapIntent intent) {
    requireNonNull(account, intent, "intent");
    run(
        "write intent " + intent.id(),
        account,
        SqlWork.of(
            c -> {
              intents.putIntent(c, account, intent);
            }));
  }

  @Override
  public Optional<SwapIntent> intent(String account, String id) {
    requireNonNull(account, id, "id");
    return run("read intent " + id, account, c -> intents.intent(c, account, id));
  }

  @Override
  public List<SwapIntent> openIntents(String account) {
    checkAccount(account);
    return run("read open intents", account, c -> intents.openIntents(c, account));
  }

  // ---- fills ----------------------------------------------------------------------------------

  @Override
  public boolean applyFill(String account, String fillId, EntryChange change) {
    requireNonNull(account, fillId, "fillId");
    Objects.requireNonNull(change, "change");
    if (fillId.isBlank() || fillId.length() > 200) {
      throw new IllegalArgumentException(
          "fillId must be 1 to 200 characters and not blank, was " + Identifiers.quote(fillId));
    }
    return run("apply fill", account, c -> fills.applyFill(c, account, fillId, change));
  }

  @Override
  public boolean fillApplied(String account, String fillId) {
    requireNonNull(account, fillId, "fillId");
    return run("read applied fill", account, c -> fills.fillApplied(c, account, fillId));
  }

  @Override
  public Optional<Instant> fillWatermark(String account) {
    checkAccount(account);
    return run("read fill watermark", account, c -> fills.fillWatermark(c, account));
  }

  @Override
  public Instant advanceFillWatermark(String account, Instant to) {
    requireNonNull(account, to, "to");
    return run("advance fill watermark", account, c -> fills.advanceFillWatermark(c, account, to));
  }

  // ---- accounts -------------------------------------------------------------------------------

  /**
   * {@inheritDoc}
   *
   * <p>One query: the distinct accounts of every table.
   */
  @Override
  public List<String> accounts() {
    return run("list accounts", null, accounts::accounts);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  @Override
  public void close() {
    sql.close();
  }

  /**
   * @return the store's name: database, file or host and database, never a password
   */
  @Override
  public String toString() {
    return name;
  }

  private <T> T run(String operation, @Nullable String account, SqlWork<T> work) {
    return sql.run(operation, account, work);
  }

  private static void requireNonNull(String account, Object argument, String argumentName) {
    checkAccount(account);
    Objects.requireNonNull(argument, argumentName);
  }

  /** The one account-id rule (SPI clause 1), checked before any SQL runs. */
  private static void checkAccount(String account) {
    Objects.requireNonNull(account, "account");
    Identifiers.checkAccountId("account", account);
  }
}
