package dev.rebalance.jdbc.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PostgreSQL store URI taken apart: {@code
 * postgresql://[user[:password]@]host[:port]/db[?k=v&...]} or the same behind {@code jdbc:}
 * (pgjdbc's own form, with user and password as query parameters). The user and password come from
 * the URI (user info or the {@code user} and {@code password} query parameters), else from the
 * environment variables {@code PGUSER} and {@code PGPASSWORD}. Neither is kept in {@link
 * #jdbcUrl()} or {@link #display()}: they go to the driver as connection properties, and the
 * display form never shows a password.
 */
public final class PostgresUri {
  private final String jdbcUrl;
  private final Optional<String> user;
  private final Optional<String> password;
  private final String display;

  private PostgresUri(
      String jdbcUrl, Optional<String> user, Optional<String> password, String display) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.display = display;
  }

  /**
   * Parses a store URI.
   *
   * @param uri {@code postgresql://...}, {@code postgres://...} or {@code jdbc:postgresql://...}
   * @param env reads an environment variable (null when unset)
   * @return the parts
   * @throws IllegalArgumentException if the URI is not a PostgreSQL URI with a host
   */
  public static PostgresUri parse(String uri, Function<String, String> env) {
    String rest;
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql://")) {
      rest = uri.substring("jdbc:postgresql://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = uri.substring("postgresql://".length());
    } else if (lower.startsWith("postgres://")) {
      rest = uri.substring("postgres://".length());
    } else {
      throw new IllegalArgumentException(
          "a PostgreSQL store URI starts with postgresql://, postgres:// or jdbc:postgresql://, was '"
              + redact(uri)
              + "'");
    }
    int q = rest.indexOf('?');
    String beforeQuery = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? "" : rest.substring(q + 1);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    String path = slash < 0 ? "" : beforeQuery.substring(slash);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String info = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    if (authority.isEmpty()) {
      throw new IllegalArgumentException(
          "a PostgreSQL store URI needs a host, as in postgresql://localhost:5432/rebalance, was '"
              + redact(uri)
              + "'");
    }
    List<String> kept = new ArrayList<>();
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.equalsIgnoreCase("user")) {
        user = user == null ? value : user;
      } else if (key.equalsIgnoreCase("password")) {
        password = password == null ? value : password;
      } else if (!pair.isEmpty()) {
        kept.add(pair);
      }
    }
    if (user == null || user.isEmpty()) {
      user = env.apply("PGUSER");
    }
    if (password == null) {
      password = env.apply("PGPASSWORD");
    }
    String url =
        "jdbc:postgresql://"
            + authority
            + path
            + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    String shownUser = user == null || user.isEmpty() ? "" : user + "@";
    String display = "postgresql://" + shownUser + authority + path;
    return new PostgresUri(
        url,
        Optional.ofNullable(user).filter(u -> !u.isEmpty()),
        Optional.ofNullable(password),
        display);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * A URI with any password removed, for messages.
   *
   * @param uri any URI
   * @return the URI without the password in user info or the {@code password} query parameter
   */
  public static String redact(String uri) {
    return uri.replaceAll("(//[^/?#@:]*:)[^/?#@]*@", "$1****@")
        .replaceAll("(?i)([?&]password=)[^&]*", "$1****");
  }

  /**
   * @return the JDBC URL, without user or password
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * @return the user, if given
   */
  public Optional<String> user() {
    return user;
  }

  /**
   * @return the password, if given; never log it
   */
  public Optional<String> password() {
    return password;
  }

  /**
   * @return a form for messages and logs: user, host, port and database, never the password
   */
  public String display() {
    return display;
  }

  @Override
  public String toString() {
    return display;
  }
}
