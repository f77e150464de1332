package dev.rebalance.core.legacy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON tree that remembers where each value started, so an error can name the JSON path and the
 * line. Duplicate keys are errors. Not thread-safe while parsing; the tree is immutable after.
 */
final class LocatedJson {
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /** One value with its path and position. */
  static final class Node {
    final Kind kind;
    final Object value;
    final String path;
    final int line;
    final int column;

    Node(Kind kind, Object value, String path, int line, int column) {
      this.kind = kind;
      this.value = value;
      this.path = path;
      this.line = line;
      this.column = column;
    }

    @SuppressWarnings("unchecked")
    Map<String, Node> fields() {
      return (Map<String, Node>) value;
    }

    @SuppressWarnings("unchecked")
    List<Node> items() {
      return (List<Node>) value;
    }

    String text() {
      return (String) value;
    }

    BigDecimal number() {
      return (BigDecimal) value;
    }

    String where() {
      return path + " (line " + line + ", column " + column + ")";
    }

    String describe() {
      switch (kind) {
        case OBJECT:
          return "an object";
        case ARRAY:
          return "an array";
        case STRING:
          return "the string \"" + abbreviate(text()) + "\"";
        case NUMBER:
          return "the number " + number().toPlainString();
        case BOOLEAN:
          return "the boolean " + value;
        default:
          return "null";
      }
    }

    private static String abbreviate(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
  }

  private LocatedJson() {}

  static String child(String parent, String key) {
    if (SIMPLE_KEY.matcher(key).matches()) {
      return parent + "." + key;
    }
    return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /**
   * Parses one JSON document.
   *
   * @param file the file name used in messages
   * @param reader the text
   * @return the root node
   * @throws InvalidConfigException on malformed JSON, naming the file and the line
   */
  static Node parse(String file, Reader reader) throws IOException {
    try (JsonParser p = RebalanceJson.json().getFactory().createParser(reader)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidConfigException(file + ": is empty, expected a JSON object");
      }
      Node root = read(p, "$");
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new InvalidConfigException(
            file
                + ": unexpected content after the JSON document (line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ")");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new InvalidConfigException(
          file + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  private static Node read(JsonParser p, String path) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Node> fields = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            fields.put(key, read(p, child(path, key)));
          }
          return new Node(Kind.OBJECT, Collections.unmodifiableMap(fields), path, line, col);
        }
      case START_ARRAY:
        {
          List<Node> items = new ArrayList<>();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(read(p, path + "[" + i++ + "]"));
          }
          return new Node(Kind.ARRAY, Collections.unmodifiableList(items), path, line, col);
        }
      case VALUE_STRING:
        return new Node(Kind.STRING, p.getText(), path, line, col);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node(Kind.NUMBER, p.getDecimalValue(), path, line, col);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Node(Kind.BOOLEAN, p.getBooleanValue(), path, line, col);
      case VALUE_NULL:
        return new Node(Kind.NULL, "null", path, line, col);
      default:
        throw new IllegalStateException("unexpected token " + t + " at " + path);
    }
  }
}
