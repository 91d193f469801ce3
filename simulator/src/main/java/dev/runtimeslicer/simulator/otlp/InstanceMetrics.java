package dev.runtimeslicer.simulator.otlp;

import java.util.Arrays;

/**
 * What one instance measured: per-window request counts, durations and CPU time, and counters
 * cumulative since the process started (histogram, network and disk bytes, network errors).
 */
public final class InstanceMetrics {

  /**
   * Bucket bounds in seconds of the request duration histogram (semantic-convention defaults, finer
   * at the low end).
   */
  static final double[] DURATION_BOUNDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
  };

  private static final int INITIAL_DURATIONS = 256;

  private long startNanos;
  private int windowRequests;
  private int windowErrors;
  private double[] windowDurations = new double[INITIAL_DURATIONS];
  private double windowBusySeconds;
  private double windowCpuSeconds;
  private double windowDiskOps;
  private double windowDiskSeconds;
  private final long[] bucketCounts = new long[DURATION_BOUNDS.length + 1];
  private long histogramCount;
  private double histogramSum;
  private double receivedBytes;
  private double transmittedBytes;
  private double receiveErrors;
  private double transmitErrors;
  private double diskReadBytes;
  private double diskWriteBytes;

  /** Metrics of a process started at {@code startNanos}. */
  public InstanceMetrics(long startNanos) {
    this.startNanos = startNanos;
  }

  /** A request served by this instance. */
  public void served(double seconds, boolean failed, double cpuSeconds) {
    if (windowRequests == windowDurations.length) {
      windowDurations = Arrays.copyOf(windowDurations, windowDurations.length * 2);
    }
    windowDurations[windowRequests++] = seconds;
    if (failed) {
      windowErrors++;
    }
    windowBusySeconds += seconds;
    windowCpuSeconds += cpuSeconds;
    int bucket = Arrays.binarySearch(DURATION_BOUNDS, seconds);
    bucketCounts[bucket >= 0 ? bucket : -bucket - 1]++;
    histogramCount++;
    histogramSum += seconds;
  }

  /** Bytes received from the network. */
  public void received(double bytes) {
    receivedBytes += bytes;
  }

  /** Bytes sent to the network. */
  public void transmitted(double bytes) {
    transmittedBytes += bytes;
  }

  /** Packets dropped on receive and transmit. */
  public void dropped(double receivePackets, double transmitPackets) {
    receiveErrors += receivePackets;
    transmitErrors += transmitPackets;
  }

  /** One storage operation's disk traffic and time. */
  public void disk(double readBytes, double writeBytes, double seconds) {
    diskReadBytes += readBytes;
    diskWriteBytes += writeBytes;
    windowDiskOps++;
    windowDiskSeconds += seconds;
  }

  /** The process restarted: cumulative counters start over. */
  public void restart(long newStartNanos) {
    startNanos = newStartNanos;
    Arrays.fill(bucketCounts, 0);
    histogramCount = 0;
    histogramSum = 0;
    receivedBytes = 0;
    transmittedBytes = 0;
    receiveErrors = 0;
    transmitErrors = 0;
    diskReadBytes = 0;
    diskWriteBytes = 0;
  }

  /** Clears the per-window values after they were exported. */
  public void resetWindow() {
    windowRequests = 0;
    windowErrors = 0;
    windowBusySeconds = 0;
    windowCpuSeconds = 0;
    windowDiskOps = 0;
    windowDiskSeconds = 0;
  }

  /**
   * The q-quantile (0..1) of the window's request durations in seconds, 0 when idle; sorts the
   * window.
   */
  public double windowQuantile(double q) {
    if (windowRequests == 0) {
      return 0;
    }
    Arrays.sort(windowDurations, 0, windowRequests);
    int index = (int) Math.min(windowRequests - 1, Math.ceil(q * windowRequests) - 1);
    return windowDurations[Math.max(0, index)];
  }

  public long startNanos() {
    return startNanos;
  }

  public int windowRequests() {
    return windowRequests;
  }

  public int windowErrors() {
    return windowErrors;
  }

  /**
   * Sum of request durations in the window; divided by the window length it is the mean
   * concurrency.
   */
  public double windowBusySeconds() {
    return windowBusySeconds;
  }

  public double windowCpuSeconds() {
    return windowCpuSeconds;
  }

  /** Mean disk operation time in the window, 0 without disk operations. */
  public double windowDiskOperationSeconds() {
    return windowDiskOps == 0 ? 0 : windowDiskSeconds / windowDiskOps;
  }

  long[] bucketCounts() {
    return bucketCounts;
  }

  long histogramCount() {
    return histogramCount;
  }

  double histogramSum() {
    return histogramSum;
  }

  double receivedBytes() {
    return receivedBytes;
  }

  double transmittedBytes() {
    return transmittedBytes;
  }

  double receiveErrors() {
    return receiveErrors;
  }

  double transmitErrors() {
    return transmitErrors;
  }

  double diskReadBytes() {
    return diskReadBytes;
  }

  double diskWriteBytes() {
    return diskWriteBytes;
  }
}
