package dev.rebalance.cli;

import java.nio.file.Path;

/** The management commands against a {@code json:} store. */
class JsonStoreCommandsTest extends AbstractManagementCommandsTest {
  @Override
  String storeUri(Path dir) {
    return "json:" + dir.resolve("store.json");
  }
}
