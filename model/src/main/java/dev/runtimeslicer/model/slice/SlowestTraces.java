package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.List;

/**
 * The slowest requests of one service in a pane or window, at most a bound of them, one per trace:
 * the exemplars an SRE opens when a service slows down. Slowest first; of equal durations the one
 * offered first stays, so a replay keeps the same ones.
 */
final class SlowestTraces {

  /** One kept request: its duration and its trace's id. */
  record Request(double durationMs, long traceIdHigh, long traceIdLow) {}

  /** Slowest first; a handful at most, so lists beat a heap. */
  private final List<Request> requests = new ArrayList<>();

  /**
   * Keeps the request of trace {@code high}/{@code low} if it is among the {@code bound} slowest.
   */
  void offer(double durationMs, long high, long low, int bound) {
    for (int i = 0; i < requests.size(); i++) {
      Request kept = requests.get(i);
      if (kept.traceIdHigh() == high && kept.traceIdLow() == low) {
        if (durationMs <= kept.durationMs()) {
          return;
        }
        requests.remove(i);
        break;
      }
    }
    if (requests.size() >= bound) {
      if (bound <= 0 || durationMs <= requests.get(requests.size() - 1).durationMs()) {
        return;
      }
      requests.remove(requests.size() - 1);
    }
    int at = 0;
    while (at < requests.size() && requests.get(at).durationMs() >= durationMs) {
      at++;
    }
    requests.add(at, new Request(durationMs, high, low));
  }

  /** Offers every request of {@code other}. */
  void merge(SlowestTraces other, int bound) {
    for (Request request : other.requests) {
      offer(request.durationMs(), request.traceIdHigh(), request.traceIdLow(), bound);
    }
  }

  /** The kept requests, slowest first. Do not modify. */
  List<Request> requests() {
    return requests;
  }

  /** Hex trace ids, slowest first. */
  List<String> traceIdsSlowestFirst() {
    List<String> ids = new ArrayList<>(requests.size());
    for (Request request : requests) {
      ids.add(String.format("%016x%016x", request.traceIdHigh(), request.traceIdLow()));
    }
    return ids;
  }
}
