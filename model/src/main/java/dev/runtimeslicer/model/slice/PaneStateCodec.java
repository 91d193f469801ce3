package dev.runtimeslicer.model.slice;

import dev.runtimeslicer.model.telemetry.Signal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of the slicing state ({@link SystemPane}, {@link LogTemplateMiner}) for Flink state
 * backends, and of the pre-aggregated parts of panes ({@link PartialPane}) in flight, versioned so
 * a later format can still read checkpoints of this one.
 */
public final class PaneStateCodec {

  /**
   * Format version written first; readers take this one and {@link #OLDEST_READABLE} on, and reject
   * others.
   */
  public static final int VERSION = 5;

  /**
   * Version 2 panes have no record ids (before duplicate detection), versions 2 and 3 no template
   * texts; they restore with none, and their windows name templates as the miner reads. Before
   * version 5 a service kept only its slowest request's trace.
   */
  static final int OLDEST_READABLE = 2;

  private PaneStateCodec() {}

  /** Writes a pane. */
  public static void writePane(SystemPane pane, DataOutput out) throws IOException {
    writePane(pane, out, VERSION);
  }

  /**
   * Writes a pane in an older readable format, leaving out what it had no place for (tests of
   * restoring old checkpoints).
   */
  static void writePane(SystemPane pane, DataOutput out, int version) throws IOException {
    checkVersion(version, "pane");
    out.writeInt(version);
    out.writeInt(pane.services.size());
    for (Map.Entry<String, ServicePane> entry : pane.services.entrySet()) {
      out.writeUTF(entry.getKey());
      writeService(entry.getValue(), out, version);
    }
    out.writeInt(pane.spanServices.size());
    for (Map.Entry<Long, SystemPane.LinkedParent> entry : pane.spanServices.entrySet()) {
      out.writeLong(entry.getKey());
      out.writeUTF(entry.getValue().service());
      out.writeDouble(entry.getValue().durationMs());
    }
    out.writeInt(pane.linkedRequests.size());
    for (Map.Entry<Long, SystemPane.LinkedRequest> entry : pane.linkedRequests.entrySet()) {
      out.writeLong(entry.getKey());
      out.writeUTF(entry.getValue().service());
      out.writeBoolean(entry.getValue().error());
    }
    writeCounts(pane.overflow, out);
    if (version < 3) {
      return;
    }
    long[] ids = pane.recordIds.toArray();
    out.writeInt(ids.length);
    for (long id : ids) {
      out.writeLong(id);
    }
  }

  /** Reads a pane written by {@link #writePane}. */
  public static SystemPane readPane(DataInput in) throws IOException {
    int version = checkVersion(in.readInt(), "pane");
    SystemPane pane = new SystemPane();
    int services = in.readInt();
    for (int i = 0; i < services; i++) {
      pane.services.put(in.readUTF(), readService(in, version));
    }
    int spans = in.readInt();
    for (int i = 0; i < spans; i++) {
      pane.spanServices.put(
          in.readLong(), new SystemPane.LinkedParent(in.readUTF(), in.readDouble()));
    }
    int linked = in.readInt();
    for (int i = 0; i < linked; i++) {
      pane.linkedRequests.put(
          in.readLong(), new SystemPane.LinkedRequest(in.readUTF(), in.readBoolean()));
    }
    readCounts(pane.overflow, in);
    if (version < 3) {
      return pane;
    }
    long[] ids = new long[in.readInt()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.readLong();
    }
    pane.recordIds.restore(ids);
    return pane;
  }

  /**
   * Writes a pre-aggregated part of a pane. Parts travel between operators, and only an unaligned
   * checkpoint stores one, with the records in flight; the version guards that.
   */
  public static void writePartial(PartialPane part, DataOutput out) throws IOException {
    out.writeInt(VERSION);
    out.writeUTF(part.system);
    out.writeLong(part.paneStartMs);
    writePane(part.pane, out);
    out.writeInt(part.logMessages.size());
    for (Map.Entry<String, Map<String, Long>> service : part.logMessages.entrySet()) {
      out.writeUTF(service.getKey());
      writeCounts(service.getValue(), out);
    }
    writeCounts(part.overflowedMessages, out);
    for (int s = 0; s < part.records.length; s++) {
      out.writeLong(part.oldestMs[s]);
      out.writeLong(part.newestMs[s]);
      out.writeLong(part.records[s]);
    }
  }

  /** Reads a part written by {@link #writePartial}. */
  public static PartialPane readPartial(DataInput in) throws IOException {
    checkVersion(in.readInt(), "pre-aggregated pane");
    String system = in.readUTF();
    long paneStartMs = in.readLong();
    SystemPane pane = readPane(in);
    int services = in.readInt();
    Map<String, Map<String, Long>> logMessages = new HashMap<>(services * 2);
    for (int i = 0; i < services; i++) {
      String service = in.readUTF();
      Map<String, Long> messages = new HashMap<>();
      readCounts(messages, in);
      logMessages.put(service, messages);
    }
    Map<String, Long> overflowed = new HashMap<>();
    readCounts(overflowed, in);
    int signals = Signal.values().length;
    long[] oldest = new long[signals];
    long[] newest = new long[signals];
    long[] records = new long[signals];
    for (int s = 0; s < signals; s++) {
      oldest[s] = in.readLong();
      newest[s] = in.readLong();
      records[s] = in.readLong();
    }
    return new PartialPane(
        system, paneStartMs, pane, logMessages, overflowed, oldest, newest, records);
  }

  /** Writes a template miner. */
  public static void writeMiner(LogTemplateMiner miner, DataOutput out) throws IOException {
    out.writeInt(VERSION);
    out.writeInt(miner.maxTemplates());
    List<LogTemplateMiner.Template> templates = miner.templates();
    out.writeInt(templates.size());
    for (LogTemplateMiner.Template template : templates) {
      out.writeInt(template.tokens.length);
      for (String token : template.tokens) {
        out.writeUTF(token);
      }
    }
  }

  /** Reads a template miner written by {@link #writeMiner}. */
  public static LogTemplateMiner readMiner(DataInput in) throws IOException {
    checkVersion(in.readInt(), "log template miner");
    int maxTemplates = in.readInt();
    int count = in.readInt();
    List<String[]> templates = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String[] tokens = new String[in.readInt()];
      for (int t = 0; t < tokens.length; t++) {
        tokens[t] = in.readUTF();
      }
      templates.add(tokens);
    }
    return LogTemplateMiner.restore(maxTemplates, templates);
  }

  private static int checkVersion(int version, String what) throws IOException {
    if (version < OLDEST_READABLE || version > VERSION) {
      throw new IOException(
          "state of the "
              + what
              + " has format version "
              + version
              + " but this build reads "
              + OLDEST_READABLE
              + " to "
              + VERSION
              + "; restore with the RuntimeSlicer version that wrote the checkpoint");
    }
    return version;
  }

  private static void writeService(ServicePane service, DataOutput out, int version)
      throws IOException {
    out.writeInt(service.instances.size());
    for (String instance : service.instances) {
      out.writeUTF(instance);
    }
    out.writeInt(service.metrics.size());
    for (Map.Entry<String, MetricStats> entry : service.metrics.entrySet()) {
      MetricStats stats = entry.getValue();
      out.writeUTF(entry.getKey());
      out.writeDouble(stats.last);
      out.writeLong(stats.lastTimestampMs);
      out.writeDouble(stats.sum);
      out.writeDouble(stats.min);
      out.writeDouble(stats.max);
      out.writeLong(stats.count);
    }
    out.writeLong(service.spans);
    out.writeLong(service.requests);
    out.writeLong(service.requestErrors);
    if (service.latency == null) {
      out.writeInt(-1);
    } else {
      byte[] sketch = service.latency.encode();
      out.writeInt(sketch.length);
      out.write(sketch);
    }
    out.writeInt(service.operations.size());
    for (Map.Entry<String, OperationStats> entry : service.operations.entrySet()) {
      OperationStats stats = entry.getValue();
      out.writeUTF(entry.getKey());
      out.writeLong(stats.count);
      out.writeLong(stats.errors);
      out.writeDouble(stats.latencySumMs);
      out.writeDouble(stats.latencyMaxMs);
    }
    out.writeInt(service.callees.size());
    for (Map.Entry<String, CallStats> entry : service.callees.entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeLong(entry.getValue().calls);
      out.writeLong(entry.getValue().errors);
      out.writeLong(entry.getValue().timed);
      out.writeDouble(entry.getValue().durationSumMs);
    }
    out.writeInt(service.errorTraceIds.size());
    for (String traceId : service.errorTraceIds) {
      out.writeUTF(traceId);
    }
    List<SlowestTraces.Request> slowest = service.slowest.requests();
    if (version < 5) {
      SlowestTraces.Request first =
          slowest.isEmpty() ? new SlowestTraces.Request(-1, 0, 0) : slowest.get(0);
      out.writeLong(first.traceIdHigh());
      out.writeLong(first.traceIdLow());
      out.writeDouble(first.durationMs());
    } else {
      out.writeInt(slowest.size());
      for (SlowestTraces.Request request : slowest) {
        out.writeLong(request.traceIdHigh());
        out.writeLong(request.traceIdLow());
        out.writeDouble(request.durationMs());
      }
    }
    out.writeInt(service.severityCounts.length);
    for (long count : service.severityCounts) {
      out.writeLong(count);
    }
    out.writeInt(service.templateCounts.size());
    for (Map.Entry<Integer, Long> entry : service.templateCounts.entrySet()) {
      out.writeInt(entry.getKey());
      out.writeLong(entry.getValue());
    }
    if (version < 4) {
      return;
    }
    out.writeInt(service.templateTexts.size());
    for (Map.Entry<Integer, String> entry : service.templateTexts.entrySet()) {
      out.writeInt(entry.getKey());
      out.writeUTF(entry.getValue());
    }
  }

  private static ServicePane readService(DataInput in, int version) throws IOException {
    ServicePane service = new ServicePane();
    int instances = in.readInt();
    for (int i = 0; i < instances; i++) {
      service.instances.add(in.readUTF());
    }
    int metrics = in.readInt();
    for (int i = 0; i < metrics; i++) {
      String name = in.readUTF();
      MetricStats stats = new MetricStats();
      stats.last = in.readDouble();
      stats.lastTimestampMs = in.readLong();
      stats.sum = in.readDouble();
      stats.min = in.readDouble();
      stats.max = in.readDouble();
      stats.count = in.readLong();
      service.metrics.put(name, stats);
    }
    service.spans = in.readLong();
    service.requests = in.readLong();
    service.requestErrors = in.readLong();
    int sketchLength = in.readInt();
    if (sketchLength >= 0) {
      byte[] sketch = new byte[sketchLength];
      in.readFully(sketch);
      service.latency = LatencySketch.decode(sketch);
    }
    int operations = in.readInt();
    for (int i = 0; i < operations; i++) {
      String name = in.readUTF();
      OperationStats stats = new OperationStats();
      stats.count = in.readLong();
      stats.errors = in.readLong();
      stats.latencySumMs = in.readDouble();
      stats.latencyMaxMs = in.readDouble();
      service.operations.put(name, stats);
    }
    int callees = in.readInt();
    for (int i = 0; i < callees; i++) {
      String name = in.readUTF();
      CallStats stats = new CallStats();
      stats.calls = in.readLong();
      stats.errors = in.readLong();
      stats.timed = in.readLong();
      stats.durationSumMs = in.readDouble();
      service.callees.put(name, stats);
    }
    int exemplars = in.readInt();
    for (int i = 0; i < exemplars; i++) {
      service.errorTraceIds.add(in.readUTF());
    }
    int slowest = version < 5 ? 1 : in.readInt();
    for (int i = 0; i < slowest; i++) {
      long high = in.readLong();
      long low = in.readLong();
      double durationMs = in.readDouble();
      if (durationMs >= 0) { // before version 5, -1: no request
        service.slowest.offer(durationMs, high, low, Integer.MAX_VALUE);
      }
    }
    int severities = in.readInt();
    for (int i = 0; i < severities; i++) {
      long count = in.readLong();
      if (i < service.severityCounts.length) {
        service.severityCounts[i] = count;
      }
    }
    int templates = in.readInt();
    for (int i = 0; i < templates; i++) {
      service.templateCounts.put(in.readInt(), in.readLong());
    }
    if (version >= 4) {
      int texts = in.readInt();
      for (int i = 0; i < texts; i++) {
        service.templateTexts.put(in.readInt(), in.readUTF());
      }
    }
    return service;
  }

  private static void writeCounts(Map<String, Long> counts, DataOutput out) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeLong(entry.getValue());
    }
  }

  private static void readCounts(Map<String, Long> counts, DataInput in) throws IOException {
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      counts.put(in.readUTF(), in.readLong());
    }
  }
}
