package dev.rebalance.core.internal;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The checks the executing builders (session, executor, reconciler) share. */
public final class BuilderChecks {
  private BuilderChecks() {}

  /** The broker, store and account every executing builder needs. */
  public static void brokerStoreAccount(
      @Nullable Object broker, @Nullable Object store, @Nullable String account) {
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
      throw new InvalidConfigException(Objects.toString(e.getMessage(), e.toString()));
    }
  }
}
