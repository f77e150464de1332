package dev.rebalance.api;

/**
 * The one rule for the two identifiers every Rebalance module takes from people and files: the
 * ticker symbol and the account id. The value types, the stores, the CLI, the dashboard, the
 * scenario reader and the importer all check through here, so a value one entry point accepts is
 * accepted by every other.
 *
 * <ul>
 *   <li>A <b>symbol</b> is 1 to {@value #MAX_SYMBOL_LENGTH} characters: upper-case ASCII letters,
 *       digits, {@code .}, {@code -} and {@code _}, starting with a letter or digit ({@code AAPL},
 *       {@code BRK.B}).
 *   <li>An <b>account id</b> is 1 to {@value #MAX_ACCOUNT_ID_LENGTH} characters: ASCII letters,
 *       digits, {@code .}, {@code -} and {@code _}, starting with a letter or digit ({@code
 *       default}, {@code paper-1}). It is safe as a file name and in a URL path.
 * </ul>
 *
 * <p>Messages name the field and show the offending value with control characters escaped, so an
 * error line can never be forged by the value it reports. This class is stateless and thread-safe.
 */
public final class Identifiers {

  /** The longest symbol accepted. */
  public static final int MAX_SYMBOL_LENGTH = 20;

  /** The longest account id accepted. */
  public static final int MAX_ACCOUNT_ID_LENGTH = 64;

  private Identifiers() {}

  /**
   * Whether {@code symbol} follows the symbol rule.
   *
   * @param symbol the candidate symbol
   * @return true when it is a valid symbol
   */
  public static boolean isValidSymbol(String symbol) {
    // A loop, not a regular expression: a bot checks every candidate's symbol every scan.
    int n = symbol.length();
    if (n == 0 || n > MAX_SYMBOL_LENGTH || !upperOrDigit(symbol.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = symbol.charAt(i);
      if (!upperOrDigit(c) && c != '.' && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code account} follows the account-id rule.
   *
   * @param account the candidate account id
   * @return true when it is a valid account id
   */
  public static boolean isValidAccountId(String account) {
    int n = account.length();
    if (n == 0 || n > MAX_ACCOUNT_ID_LENGTH || !letterOrDigit(account.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = account.charAt(i);
      if (!letterOrDigit(c) && c != '.' && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean upperOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean letterOrDigit(char c) {
    return upperOrDigit(c) || (c >= 'a' && c <= 'z');
  }

  /**
   * Checks a symbol.
   *
   * @param field the name to put in the message ({@code symbol}, {@code candidates[2].symbol})
   * @param symbol the value
   * @return {@code symbol}, unchanged
   * @throws IllegalArgumentException naming the field and the rule when it is not a valid symbol
   */
  public static String checkSymbol(String field, String symbol) {
    if (!isValidSymbol(symbol)) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to "
              + MAX_SYMBOL_LENGTH
              + " characters of A-Z, 0-9, '.', '-' or '_', starting with a letter or digit, was "
              + quote(symbol));
    }
    return symbol;
  }

  /**
   * Checks an account id.
   *
   * @param field the name to put in the message ({@code account})
   * @param account the value
   * @return {@code account}, unchanged
   * @throws IllegalArgumentException naming the field and the rule when it is not a valid id
   */
  public static String checkAccountId(String field, String account) {
    if (!isValidAccountId(account)) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to "
              + MAX_ACCOUNT_ID_LENGTH
              + " characters of A-Z, a-z, 0-9, '.', '-' or '_', starting with a letter or digit,"
              + " was "
              + quote(account));
    }
    return account;
  }

  /**
   * Quotes a value for an error message: at most 40 characters, control and non-ASCII characters
   * escaped as {@code \}{@code uXXXX}, so the message stays on one line and shows what was given.
   *
   * @param value any text
   * @return the quoted, escaped text
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    int limit = Math.min(value.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '\'' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (value.length() > limit) {
      out.append("... (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }
}
