package dev.runtimeslicer.slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything one service contributed to one pane, aggregated as it arrived. */
final class ServicePane {
  final Set<String> instances = new LinkedHashSet<>();
  final Map<String, MetricStats> metrics = new HashMap<>();
  long spans;
  long requests;
  long requestErrors;
  LatencySketch latency;
  final Map<String, OperationStats> operations = new HashMap<>();
  final Map<String, CallStats> callees = new HashMap<>();
  /** The first failed requests' traces, up to the exemplar bound. */
  final List<String> errorTraceIds = new ArrayList<>();
  /** The slowest requests' traces, up to the exemplar bound. */
  final SlowestTraces slowest = new SlowestTraces();
  final long[] severityCounts = new long[LogSeverity.values().length];
  final Map<Integer, Long> templateCounts = new HashMap<>();
  /**
   * Text of each template right after this pane's last record of it was mined. A window names its
   * templates as its newest pane saw them, not as the miner reads when the window closes: by then
   * the miner may have seen later records, more or fewer depending on how far the job has read.
   */
  final Map<Integer, String> templateTexts = new HashMap<>();

  LatencySketch latency() {
    if (latency == null) {
      latency = new LatencySketch();
    }
    return latency;
  }
}
