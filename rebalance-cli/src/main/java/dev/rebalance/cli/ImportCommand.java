package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.legacy.ImportReport;
import dev.rebalance.core.legacy.LegacyImporter;
import java.nio.file.Path;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rebalance import FILE [--zone ZONE]}: imports the original bot's {@code
 * data/position_tracking.json} (see {@link LegacyImporter}). Importing twice changes nothing; an
 * invalid file exits 2 naming the file, the JSON path and the line, with nothing written.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "import", description = "Import the original bot's position_tracking.json.")
public final class ImportCommand extends ManagementCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The position_tracking.json file.")
  Path file;

  /** Creates the command (picocli calls this). */
  public ImportCommand() {}

  @Override
  boolean writes() {
    return true;
  }

  @Override
  int run(TrackerStore store, String account) {
    ZoneId z = zone;
    ImportReport r =
        LegacyImporter.create(clock()).withDefaultZone(z).importFile(file, store, account);
    if (json) {
      ObjectNode n = Output.NODES.objectNode();
      n.put("file", r.file());
      n.put("changed", r.changed());
      n.put("entriesImported", r.entriesImported());
      n.put("entriesUnchanged", r.entriesUnchanged());
      n.put("entriesKept", r.entriesKept());
      n.put("locksImported", r.locksImported());
      n.put("locksSkipped", r.locksSkipped());
      n.put("historyImported", r.historyImported());
      n.put("historySkipped", r.historySkipped());
      n.put("lastRebalanceUpdated", r.lastRebalanceUpdated());
      n.put("timestampsWithoutOffset", r.timestampsWithoutOffset());
      var ignored = n.putArray("ignoredFields");
      r.ignoredFields().forEach(ignored::add);
      Output.printJson(out(), n);
      return ExitCodes.OK;
    }
    var o = out();
    o.println(
        (r.changed() ? "Imported " : "Nothing new in ")
            + r.file()
            + " into account "
            + account
            + ":");
    o.println(
        "  entries: "
            + r.entriesImported()
            + " imported, "
            + r.entriesUnchanged()
            + " already there, "
            + r.entriesKept()
            + " kept (store had a different entry)");
    o.println(
        "  locks:   " + r.locksImported() + " imported, " + r.locksSkipped() + " already locked");
    o.println(
        "  history: "
            + r.historyImported()
            + " imported, "
            + r.historySkipped()
            + " already there");
    o.println("  last rebalance: " + (r.lastRebalanceUpdated() ? "updated" : "unchanged"));
    if (r.timestampsWithoutOffset() > 0) {
      o.println("  " + r.timestampsWithoutOffset() + " timestamp(s) without offset read as " + z);
    }
    if (!r.ignoredFields().isEmpty()) {
      o.println("  ignored unknown fields: " + String.join(", ", r.ignoredFields()));
    }
    o.flush();
    return ExitCodes.OK;
  }
}
