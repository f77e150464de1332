package dev.rebalance.cli;

import java.nio.file.Path;

/** The management commands against an {@code sqlite:} store. */
class SqliteStoreCommandsTest extends AbstractManagementCommandsTest {
  @Override
  String storeUri(Path dir) {
    return "sqlite:" + dir.resolve("rebalance.db");
  }
}
