package dev.runtimeslicer.simulator.otlp;

import java.util.ArrayList;
import java.util.List;

/** Items (spans, log records) of one batch grouped by instance, instances in first-seen order. */
final class InstanceBuffer<T> {

  private final List<T>[] byInstance;
  private final int[] touched;
  private int touchedCount;
  private int size;

  @SuppressWarnings("unchecked")
  InstanceBuffer(int instances) {
    byInstance = new List[instances];
    touched = new int[instances];
  }

  void add(int instance, T item) {
    List<T> items = byInstance[instance];
    if (items == null) {
      items = new ArrayList<>();
      byInstance[instance] = items;
    }
    if (items.isEmpty()) {
      touched[touchedCount++] = instance;
    }
    items.add(item);
    size++;
  }

  int size() {
    return size;
  }

  int touchedCount() {
    return touchedCount;
  }

  int touched(int position) {
    return touched[position];
  }

  List<T> items(int instance) {
    return byInstance[instance];
  }

  void clear() {
    for (int i = 0; i < touchedCount; i++) {
      byInstance[touched[i]].clear();
    }
    touchedCount = 0;
    size = 0;
  }
}
