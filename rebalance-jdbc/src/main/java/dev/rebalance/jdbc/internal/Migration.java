package dev.rebalance.jdbc.internal;

import java.util.List;

/**
 * One versioned step of the schema: the statements that take a database from {@code version - 1} to
 * {@code version}, per dialect. Applied once, in order, inside the migration transaction.
 */
public final class Migration {
  private final int version;
  private final String description;
  private final List<String> sqlite;
  private final List<String> postgresql;

  /**
   * @param version the version this step produces, 1 for the first
   * @param description what the step does, recorded in the version table
   * @param sqlite the statements for SQLite
   * @param postgresql the statements for PostgreSQL
   */
  public Migration(int version, String description, List<String> sqlite, List<String> postgresql) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
    this.version = version;
    this.description = description;
    this.sqlite = List.copyOf(sqlite);
    this.postgresql = List.copyOf(postgresql);
  }

  /**
   * @return the version this step produces
   */
  public int version() {
    return version;
  }

  /**
   * @return what the step does
   */
  public String description() {
    return description;
  }

  /**
   * @param dialect the database
   * @return the statements for it
   */
  public List<String> statements(Dialect dialect) {
    return dialect == Dialect.SQLITE ? sqlite : postgresql;
  }
}
