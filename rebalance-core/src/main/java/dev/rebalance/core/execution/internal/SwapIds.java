package dev.rebalance.core.execution.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic swap ids and client order ids. The same account, decision time, sell and buy always
 * give the same id, so a retry or a restart finds the orders it sent instead of sending new ones.
 *
 * <p>Stateless and thread-safe.
 */
public final class SwapIds {
  /** Prefix of every swap id. */
  public static final String PREFIX = "rb-";

  /** Hex digits of the hash kept in an id. */
  private static final int HASH_HEX_DIGITS = 32;

  private SwapIds() {}

  /**
   * The swap id: {@code rb-} followed by 32 hex digits of a SHA-256 over the inputs (35
   * characters).
   *
   * @param account the account id
   * @param decidedAt the decision time
   * @param sell the symbol sold
   * @param buy the symbol bought
   * @return the id
   */
  public static String swapId(String account, Instant decidedAt, String sell, String buy) {
    String key = account + '\n' + decidedAt + '\n' + sell + '\n' + buy;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash).substring(0, HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The sell order's client order id.
   *
   * @param swapId the swap id
   * @return {@code swapId + "-s"}
   */
  public static String sellClientOrderId(String swapId) {
    return swapId + "-s";
  }

  /**
   * The buy order's client order id.
   *
   * @param swapId the swap id
   * @return {@code swapId + "-b"}
   */
  public static String buyClientOrderId(String swapId) {
    return swapId + "-b";
  }
}
