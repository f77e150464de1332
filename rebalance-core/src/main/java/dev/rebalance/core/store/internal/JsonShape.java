package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape checks for the JSON store's files: each names the field at fault and what it should have
 * been, so a damaged file is reported precisely ({@code accounts["paper-1"].locks must be an array,
 * was "x"}). Stateless and thread-safe.
 */
public final class JsonShape {
  private JsonShape() {}

  /**
   * Requires an object.
   *
   * @param n the node (may be null)
   * @param where the field's path, for the message
   * @return the node
   * @throws IllegalArgumentException if it is not an object
   */
  public static JsonNode object(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + " must be an object, was " + shown(n));
    }
    return n;
  }

  /**
   * An optional array field (absent or null reads as empty) whose elements must be objects.
   *
   * @param parent the object holding the field
   * @param field the field
   * @param where the parent's path
   * @return the elements
   */
  public static List<JsonNode> objects(JsonNode parent, String field, String where) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode a = optionalArray(parent, field, where);
    for (int i = 0; i < a.size(); i++) {
      out.add(object(a.get(i), where + "." + field + "[" + i + "]"));
    }
    return out;
  }

  /**
   * An optional array field of non-empty strings (absent or null reads as empty).
   *
   * @param parent the object holding the field
   * @param field the field
   * @param where the parent's path
   * @return the strings
   */
  public static List<String> strings(JsonNode parent, String field, String where) {
    List<String> out = new ArrayList<>();
    JsonNode a = optionalArray(parent, field, where);
    for (int i = 0; i < a.size(); i++) {
      JsonNode s = a.get(i);
      if (!s.isTextual() || s.textValue().isEmpty()) {
        throw new IllegalArgumentException(
            where + "." + field + "[" + i + "] must be a non-empty string, was " + shown(s));
      }
      out.add(s.textValue());
    }
    return out;
  }

  /**
   * A mandatory whole number field of at least {@code min}.
   *
   * @param parent the object holding the field
   * @param field the field
   * @param min the smallest value allowed
   * @param where the parent's path
   * @return the value
   */
  public static long wholeNumber(JsonNode parent, String field, long min, String where) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min) {
      throw new IllegalArgumentException(
          where + "." + field + " must be a whole number >= " + min + ", was " + shown(v));
    }
    return v.longValue();
  }

  /**
   * A mandatory non-empty string field.
   *
   * @param parent the object holding the field
   * @param field the field
   * @param where the parent's path
   * @return the text
   */
  public static String text(JsonNode parent, String field, String where) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new IllegalArgumentException(
          where + "." + field + " must be a non-empty string, was " + shown(v));
    }
    return v.textValue();
  }

  private static String shown(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "missing";
    }
    String s = n.toString();
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** An optional array field: absent or null reads as an empty array; anything else is refused. */
  private static JsonNode optionalArray(JsonNode parent, String field, String where) {
    JsonNode a = parent.get(field);
    if (a == null || a.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException(
          where + "." + field + " must be an array, was " + shown(a));
    }
    return a;
  }
}
