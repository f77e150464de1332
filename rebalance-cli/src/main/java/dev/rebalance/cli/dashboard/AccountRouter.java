package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.cli.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The accounts the page may show: the dashboard's own account, plus whatever the account source
 * names (by default the store's own list, {@link TrackerStore#accounts()}). Resolves a request's
 * {@code account} parameter to the {@link Api} for that account; an account outside the list is a
 * 404, an invalid id a 400, so a typo never reads or writes a new account.
 *
 * <p>Thread-safe: a concurrent cache of one {@link Api} per account.
 */
final class AccountRouter {
  private final String home;
  private final TrackerStore store;
  private final Supplier<? extends Collection<String>> source;
  private final Function<String, Api> factory;
  private final Map<String, Api> apis = new ConcurrentHashMap<>();

  AccountRouter(
      String home,
      TrackerStore store,
      Supplier<? extends Collection<String>> source,
      Function<String, Api> factory) {
    this.home = home;
    this.store = store;
    this.source = source;
    this.factory = factory;
  }

  /** The dashboard's own account first, then the others in alphabetical order. */
  List<String> names() {
    TreeSet<String> others = new TreeSet<>();
    for (String a : source.get()) {
      if (a != null && Identifiers.isValidAccountId(a) && !a.equals(home)) {
        others.add(a);
      }
    }
    List<String> all = new ArrayList<>();
    all.add(home);
    all.addAll(others);
    return all;
  }

  /** {@code GET /api/accounts}: each account with its counts and last swap. */
  ObjectNode list() {
    ObjectNode n = Output.NODES.objectNode();
    n.put("current", home);
    ArrayNode items = n.putArray("accounts");
    for (String a : names()) {
      ObjectNode i = items.addObject();
      i.put("account", a);
      i.put("positions", store.entries(a).size());
      i.put("locks", store.locks(a).size());
      i.put("swaps", store.historyStats(a).count());
      Output.put(i, "lastRebalance", store.lastRebalance(a));
    }
    return n;
  }

  /** The API of the requested account ({@code null}: the dashboard's own). */
  Api api(@Nullable String requested) {
    if (requested == null || requested.equals(home)) {
      return apis.computeIfAbsent(home, factory);
    }
    try {
      Identifiers.checkAccountId("account", requested);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, Objects.toString(e.getMessage(), e.toString()));
    }
    List<String> known = names();
    if (!known.contains(requested)) {
      throw new ApiException(
          404,
          "account "
              + Identifiers.quote(requested)
              + " is not in this store; accounts: "
              + String.join(", ", known));
    }
    return apis.computeIfAbsent(requested, factory);
  }
}
