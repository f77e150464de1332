package dev.rebalance.core.store.internal;

import dev.rebalance.api.TrackerStoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a JSON file store keeps its files: for a store at directory {@code DIR} (or at {@code
 * DIR/NAME.json}; the default {@code NAME} is {@code tracker}) the snapshot {@code NAME.json}, the
 * journal {@code NAME.journal.jsonl}, one history file per account in {@code NAME.history/} (the
 * account id percent-encoded) and the lock file {@code NAME.lock}; and the errors that name the
 * store and a file.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreLayout {
  private final Path dir;
  private final String name;
  private final Path snapshotFile;
  private final Path journalFile;
  private final Path historyDir;

  private StoreLayout(Path dir, String name) {
    this.dir = dir;
    this.name = name;
    this.snapshotFile = dir.resolve(name + ".json");
    this.journalFile = dir.resolve(name + ".journal.jsonl");
    this.historyDir = dir.resolve(name + ".history");
  }

  /**
   * The layout of the store at {@code path}: a directory, or a file path ending in {@code .json}
   * whose siblings hold the journal, history and lock.
   *
   * @param path the store's directory or snapshot file
   * @return the layout
   */
  public static StoreLayout of(Path path) {
    Path p = path.toAbsolutePath().normalize();
    String file = p.getFileName() == null ? "" : p.getFileName().toString();
    if (file.endsWith(".json")) {
      Path dir = Objects.requireNonNull(p.getParent(), "an absolute file path has a parent");
      return new StoreLayout(dir, file.substring(0, file.length() - ".json".length()));
    }
    return new StoreLayout(p, "tracker");
  }

  /** The directory holding the store's files. */
  public Path dir() {
    return dir;
  }

  /** The snapshot file ({@code NAME.json}). */
  public Path snapshotFile() {
    return snapshotFile;
  }

  /** The journal file ({@code NAME.journal.jsonl}). */
  public Path journalFile() {
    return journalFile;
  }

  /** The directory of the history files ({@code NAME.history}). */
  public Path historyDir() {
    return historyDir;
  }

  /** The lock file ({@code NAME.lock}). */
  public Path lockFile() {
    return dir.resolve(name + ".lock");
  }

  /** The glob of the temporary snapshots written beside the snapshot. */
  String tempSnapshotGlob() {
    return name + ".json.*.tmp";
  }

  /** A new, empty temporary snapshot file beside the snapshot. */
  Path newTempSnapshot() throws IOException {
    return Files.createTempFile(dir, name + ".json.", ".tmp");
  }

  /**
   * The history file of a valid account id.
   *
   * @param account the account id, already checked
   * @return the path (the file exists once the account has history)
   */
  public Path historyFile(String account) {
    return historyDir.resolve(encodeAccount(account) + ".jsonl");
  }

  /**
   * The accounts that have a history file, decoded from the file names.
   *
   * @return the account ids, in directory order
   * @throws IOException if the directory cannot be listed
   */
  public List<String> historyAccounts() throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir, "*.jsonl")) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        out.add(decodeAccount(n.substring(0, n.length() - ".jsonl".length())));
      }
    }
    return out;
  }

  /**
   * An error naming the store and {@code file}.
   *
   * @param file the damaged or missing file
   * @param problem what is wrong, continuing the sentence after the file name
   * @return the exception to throw
   */
  public TrackerStoreException damaged(Path file, String problem) {
    return new TrackerStoreException("JSON store " + dir + ": " + file + " " + problem);
  }

  /**
   * An error naming the store, {@code file} and a damaged line in it.
   *
   * @param file the file
   * @param line the line number, from 1
   * @param problem what the parser said
   * @param cause the parser's exception
   * @return the exception to throw
   */
  public TrackerStoreException corrupt(Path file, long line, String problem, Throwable cause) {
    return new TrackerStoreException(
        "JSON store "
            + dir
            + ": "
            + file
            + " line "
            + line
            + " is damaged ("
            + problem
            + "); the file was left untouched — restore it from a backup or repair that line",
        cause);
  }

  /**
   * Syncs a directory, so a file created or renamed in it survives a machine crash.
   *
   * @param directory the directory
   */
  public static void syncDirectory(Path directory) {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }

  /**
   * The file-name form of an account id: letters, digits, {@code -} and {@code _} kept, every other
   * UTF-8 byte as {@code %XX}; the empty id is {@code %}.
   *
   * @param account the account id
   * @return the encoded name
   */
  public static String encodeAccount(String account) {
    if (account.isEmpty()) {
      return "%";
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : account.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /**
   * The account id of an encoded file name (see {@link #encodeAccount}).
   *
   * @param encoded the file name without its extension
   * @return the account id
   */
  public static String decodeAccount(String encoded) {
    if (encoded.equals("%")) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
