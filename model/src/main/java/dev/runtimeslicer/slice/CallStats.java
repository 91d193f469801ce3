package dev.runtimeslicer.slice;

/** Calls from one service to one callee and how many failed; mergeable across panes. */
final class CallStats {
  long calls;
  long errors;

  void add(boolean error) {
    calls++;
    if (error) {
      errors++;
    }
  }

  void merge(CallStats other) {
    calls += other.calls;
    errors += other.errors;
  }
}
