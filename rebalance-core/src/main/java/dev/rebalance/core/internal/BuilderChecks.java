package dev.rebalance.core.internal;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;

/** The checks the executing builders (session, executor, reconciler) share. */
public final class BuilderChecks {
  private BuilderChecks() {}

  /** The broker, store and account every executing builder needs. */
  public static void brokerStoreAccount(Object broker, Object store, String account) {
    if (broker == null) {
      throw new InvalidConfigException("broker is required");
    }
    if (store == null) {
      throw new InvalidConfigException("store is required");
    }
    if (account == null || account.isBlank()) {
      throw new InvalidConfigException("account is required and must not be blank");
    }
    try {
      Identifiers.checkAccountId("account", account);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(e.getMessage());
    }
  }
}
