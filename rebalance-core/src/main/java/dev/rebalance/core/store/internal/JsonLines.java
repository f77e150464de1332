package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads newline-terminated lines from a file channel: forwards in chunks from an offset, or
 * backwards from an end position; and appends one line, synced, cutting off a torn tail first.
 * Bytes after the last newline are a torn (never acknowledged) write and are never handed to the
 * caller. Not thread-safe; callers hold the store's lock.
 */
public final class JsonLines {
  private static final int CHUNK = 1 << 16;

  private JsonLines() {}

  /** Told where a file's torn tail starts; the store logs it once. */
  @FunctionalInterface
  public interface TornTailListener {
    /**
     * @param file the file
     * @param end the offset just after its last complete line
     * @param size the file's size
     */
    void tornTail(Path file, long end, long size);
  }

  /** Receives one line. */
  @FunctionalInterface
  public interface LineHandler {
    /**
     * @param buf the bytes
     * @param start where the line starts in {@code buf}
     * @param length the line's length without its newline
     * @param index the line's index counted from the scan's start (0-based)
     * @throws IOException if handling fails
     */
    void line(byte[] buf, int start, int length, long index) throws IOException;
  }

  /**
   * Hands every complete line between {@code from} and {@code to} to {@code handler}.
   *
   * @param ch the file
   * @param from the offset of a line start
   * @param to where to stop (the file's size)
   * @param handler receives each line
   * @return the offset just after the last complete line (where a torn tail, if any, starts)
   * @throws IOException if reading fails
   */
  public static long forward(FileChannel ch, long from, long to, LineHandler handler)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    ByteArrayOutputStream carry = new ByteArrayOutputStream();
    long pos = from;
    long lineStart = from;
    long index = 0;
    while (pos < to) {
      buf.clear();
      buf.limit((int) Math.min(CHUNK, to - pos));
      int n = ch.read(buf, pos);
      if (n <= 0) {
        break;
      }
      byte[] a = buf.array();
      int s = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          if (carry.size() > 0) {
            carry.write(a, s, i - s);
            byte[] line = carry.toByteArray();
            carry.reset();
            handler.line(line, 0, line.length, index++);
          } else {
            handler.line(a, s, i - s, index++);
          }
          s = i + 1;
          lineStart = pos + i + 1;
        }
      }
      if (s < n) {
        carry.write(a, s, n - s);
      }
      pos += n;
    }
    return lineStart;
  }

  /**
   * Reads up to {@code skip + take} complete lines backwards from {@code end} and returns the last
   * {@code take} of them after skipping {@code skip}, newest (closest to the end) first.
   *
   * @param ch the file
   * @param start the offset before which nothing is read (0 for the whole file)
   * @param end the offset just after the last complete line
   * @param skip how many lines nearest the end to skip
   * @param take how many lines to return
   * @return the lines, newest first
   * @throws IOException if reading fails
   */
  public static List<byte[]> backward(FileChannel ch, long start, long end, long skip, int take)
      throws IOException {
    List<byte[]> out = new ArrayList<>(Math.min(take, 1024));
    if (take == 0) {
      return out;
    }
    long seen = 0;
    long pos = end;
    byte[] pending = new byte[0];
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    // Invariant: pending holds bytes [pos, lineEnd) of a line whose start is not yet known.
    // The byte at end-1 is a newline; strip it first.
    boolean first = true;
    while (pos > start && out.size() < take) {
      int len = (int) Math.min(CHUNK, pos - start);
      buf.clear();
      buf.limit(len);
      long readAt = pos - len;
      int read = 0;
      while (read < len) {
        int n = ch.read(buf, readAt + read);
        if (n < 0) {
          throw new IOException("file shrank while reading at offset " + (readAt + read));
        }
        read += n;
      }
      byte[] a = buf.array();
      int hi = len;
      if (first) {
        hi--; // the final newline
        first = false;
      }
      for (int i = hi - 1; i >= -1 && out.size() < take; i--) {
        boolean boundary = i == -1 ? readAt == start : a[i] == '\n';
        if (!boundary) {
          continue;
        }
        int lineFrom = i + 1;
        byte[] line = new byte[hi - lineFrom + pending.length];
        System.arraycopy(a, lineFrom, line, 0, hi - lineFrom);
        System.arraycopy(pending, 0, line, hi - lineFrom, pending.length);
        pending = new byte[0];
        if (seen++ >= skip) {
          out.add(line);
        }
        hi = i;
        if (i == -1) {
          break;
        }
      }
      if (hi > 0 && out.size() < take) {
        byte[] p = new byte[hi + pending.length];
        System.arraycopy(a, 0, p, 0, hi);
        System.arraycopy(pending, 0, p, hi, pending.length);
        pending = p;
      }
      pos = readAt;
    }
    return out;
  }

  /**
   * One JSON value as a line: its compact form and a newline.
   *
   * @param mapper the mapper
   * @param node the value
   * @return the bytes
   * @throws IOException if writing fails
   */
  public static byte[] lineOf(ObjectMapper mapper, JsonNode node) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    mapper.writeValue(out, node);
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Appends {@code line} at {@code at} and syncs it: a torn tail beyond {@code at} is cut off
   * first; a failed write is truncated away again (or left for the next operation to discard).
   *
   * @param ch the file
   * @param line the bytes, ending with a newline
   * @param at the offset just after the last complete line
   * @throws IOException if writing or syncing fails
   */
  public static void append(FileChannel ch, byte[] line, long at) throws IOException {
    cutTornTail(ch, at);
    try {
      writeFully(ch, line, at);
      ch.force(false);
    } catch (IOException e) {
      rollBack(ch, at);
      throw e;
    }
  }

  /**
   * Writes all of {@code bytes} at {@code at}.
   *
   * @param ch the file
   * @param bytes the bytes
   * @param at the offset
   * @throws IOException if writing fails
   */
  public static void writeFully(FileChannel ch, byte[] bytes, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = at;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  private static void cutTornTail(FileChannel ch, long end) throws IOException {
    if (ch.size() > end) {
      ch.truncate(end);
      ch.force(true);
    }
  }

  private static void rollBack(FileChannel ch, long at) {
    try {
      ch.truncate(at);
    } catch (IOException | RuntimeException suppressed) {
      // The next operation finds and discards the torn line.
    }
  }
}
