package dev.rebalance.core.decision.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the {@code capacity} first-ranked elements offered to it, in O(log capacity) per offer and
 * O(1) for an element that ranks after everything kept once full. The root is the last-ranked
 * element kept. Not thread-safe; one instance lives inside one decision.
 *
 * @param <T> the element type
 */
final class BoundedHeap<T> {

  /** A strict total order: {@code before(a, b)} when {@code a} ranks ahead of {@code b}. */
  @FunctionalInterface
  interface Rank<T> {
    boolean before(T a, T b);
  }

  private final Rank<T> rank;
  private final Object[] heap;
  private int size;

  /**
   * @param rank the order
   * @param capacity how many to keep
   * @param maxOffers an upper bound on the number of offers (sizes the array)
   */
  BoundedHeap(Rank<T> rank, int capacity, int maxOffers) {
    this.rank = rank;
    this.heap = new Object[Math.max(0, Math.min(capacity, maxOffers))];
  }

  int size() {
    return size;
  }

  /** Whether {@code x} would be kept if offered: there is room, or it ranks ahead of the root. */
  boolean wouldKeep(T x) {
    return size < heap.length || (size > 0 && rank.before(x, root()));
  }

  /**
   * The last-ranked element kept when full (the next to be displaced); null while there is room.
   */
  @Nullable T lastKept() {
    return size == heap.length && size > 0 ? root() : null;
  }

  /** Keeps {@code x}; call only when {@link #wouldKeep} is true. */
  void keep(T x) {
    if (size < heap.length) {
      heap[size] = x;
      siftUp(size++);
    } else {
      heap[0] = x;
      siftDown(0);
    }
  }

  @SuppressWarnings("unchecked")
  private T at(int i) {
    return (T) heap[i];
  }

  private T root() {
    return at(0);
  }

  private void siftUp(int i) {
    Object x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      // The root must rank last: a parent that ranks ahead of its child moves down.
      if (!rank.before(at(parent), at(i))) {
        break;
      }
      heap[i] = heap[parent];
      heap[parent] = x;
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int last = left;
      int right = left + 1;
      if (right < size && rank.before(at(left), at(right))) {
        last = right;
      }
      if (!rank.before(at(i), at(last))) {
        return;
      }
      Object tmp = heap[i];
      heap[i] = heap[last];
      heap[last] = tmp;
      i = last;
    }
  }

  /** The kept elements, first-ranked first. */
  List<T> sorted() {
    if (size == 0) {
      return Collections.emptyList();
    }
    @SuppressWarnings("unchecked")
    T[] copy = (T[]) Arrays.copyOf(heap, size);
    if (size > 1) {
      Arrays.sort(copy, (a, b) -> rank.before(a, b) ? -1 : rank.before(b, a) ? 1 : 0);
    }
    return Arrays.asList(copy);
  }
}
