package dev.runtimeslicer.simulator.otlp;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * When an instance's SDK exports what it recorded, as a batch processor does: every {@code
 * periodNanos}, each instance at its own phase, exporting the items that became ready (a span when
 * it ended, a log record when it was written) since its last export. Items wait here until then, so
 * the telemetry reaches the Collector in the SDK's order and time, not the simulation's.
 */
final class ExportSchedule<T> {

  private record Pending<T>(long dueNanos, long sequence, int instance, T item) {}

  private final long periodNanos;
  private final PriorityQueue<Pending<T>> pending =
      new PriorityQueue<>(
          Comparator.comparingLong((Pending<T> p) -> p.dueNanos)
              .thenComparingLong(p -> p.sequence));
  private long sequence;

  ExportSchedule(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /**
   * Holds {@code item} of {@code instance}, ready at {@code readyNanos}, until its instance's next
   * export.
   */
  void add(int instance, T item, long readyNanos) {
    pending.add(new Pending<>(nextExport(instance, readyNanos), sequence++, instance, item));
  }

  /** The first export of {@code instance} at or after {@code readyNanos}. */
  long nextExport(int instance, long readyNanos) {
    // instances start their export timers at different moments; a fixed spread keeps runs
    // reproducible
    long phase = Math.floorMod(instance * 0x9E3779B97F4A7C15L, periodNanos);
    long exports = Math.floorDiv(readyNanos - phase + periodNanos - 1, periodNanos);
    return phase + exports * periodNanos;
  }

  /**
   * Moves every item exported at or before {@code nowNanos} into {@code batch}, in export order.
   */
  void moveDue(long nowNanos, InstanceBuffer<T> batch) {
    while (!pending.isEmpty() && pending.peek().dueNanos <= nowNanos) {
      Pending<T> next = pending.poll();
      batch.add(next.instance, next.item);
    }
  }

  /** Items waiting for their export. */
  int size() {
    return pending.size();
  }
}
