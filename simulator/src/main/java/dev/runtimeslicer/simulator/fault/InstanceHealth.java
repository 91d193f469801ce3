package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.system.Outcome;

/**
 * The mutable health of one instance: its lifecycle (up/down, restarts, leaked memory) and the
 * conditions the active faults impose during the current one-second tick. Faults only ever make
 * conditions worse, so overlapping faults combine (factors multiply, rates add).
 */
public final class InstanceHealth {

  private long upSinceNanos;
  private long downUntilNanos = Long.MIN_VALUE;
  private long downSinceNanos = Long.MIN_VALUE;
  private boolean restartPending;
  private int restarts;
  private double leakedMb;

  private double latencyFactor;
  private double extraCpuCores;
  private double errorRate;
  private Outcome errorOutcome;
  private FailureCause errorCause;
  private double inboundDelayMs;
  private double packetLoss;
  private double rejectRate;
  private double queueWaitMs;
  private boolean threadPoolExhausted;
  private double configErrorLogRate;
  private boolean slowQueries;
  private double diskLatencyFactor;

  /** A healthy instance up since {@code startNanos}. */
  public InstanceHealth(long startNanos) {
    upSinceNanos = startNanos;
    resetTick();
  }

  /** Clears the per-tick conditions before the active faults are applied again. */
  public void resetTick() {
    latencyFactor = 1.0;
    extraCpuCores = 0.0;
    errorRate = 0.0;
    errorOutcome = Outcome.INTERNAL;
    errorCause = FailureCause.BUG;
    inboundDelayMs = 0.0;
    packetLoss = 0.0;
    rejectRate = 0.0;
    queueWaitMs = 0.0;
    threadPoolExhausted = false;
    configErrorLogRate = 0.0;
    slowQueries = false;
    diskLatencyFactor = 1.0;
  }

  /** Kills the process at {@code nowNanos}; it is back (a restart) after {@code downNanos}. */
  public void crash(long nowNanos, long downNanos) {
    downSinceNanos = nowNanos;
    downUntilNanos = nowNanos + downNanos;
    restarts++;
    restartPending = true;
    leakedMb = 0.0;
  }

  /** Whether the process is not running at {@code nowNanos}. */
  public boolean isDown(long nowNanos) {
    return nowNanos < downUntilNanos;
  }

  /** Reports, once, that the process came back after a crash; moves its start time. */
  public boolean takeRestart(long nowNanos) {
    if (restartPending && !isDown(nowNanos)) {
      restartPending = false;
      upSinceNanos = downUntilNanos;
      return true;
    }
    return false;
  }

  public long upSinceNanos() {
    return upSinceNanos;
  }

  /** When the process last went down. */
  public long downSinceNanos() {
    return downSinceNanos;
  }

  public long downUntilNanos() {
    return downUntilNanos;
  }

  public int restarts() {
    return restarts;
  }

  public double leakedMb() {
    return leakedMb;
  }

  /** Adds leaked memory (memory_leak). */
  public void leak(double megabytes) {
    leakedMb += megabytes;
  }

  /** Releases leaked memory (a rollback restarts the pods cleanly). */
  public void releaseLeak() {
    leakedMb = 0.0;
  }

  public double latencyFactor() {
    return latencyFactor;
  }

  /** Multiplies the own processing time of every operation. */
  public void slowDown(double factor) {
    latencyFactor *= factor;
  }

  public double extraCpuCores() {
    return extraCpuCores;
  }

  /** Adds CPU use that is not request work (a stress process, garbage collection). */
  public void burnCpu(double cores) {
    extraCpuCores += cores;
  }

  public double errorRate() {
    return errorRate;
  }

  public Outcome errorOutcome() {
    return errorOutcome;
  }

  public FailureCause errorCause() {
    return errorCause;
  }

  /** Makes a share of requests fail with {@code outcome} for {@code cause}. */
  public void failRequests(double rate, Outcome outcome, FailureCause cause) {
    errorRate = Math.min(1.0, errorRate + rate);
    errorOutcome = outcome;
    errorCause = cause;
  }

  public double inboundDelayMs() {
    return inboundDelayMs;
  }

  /** Delays every packet sent to this instance. */
  public void delayInbound(double millis) {
    inboundDelayMs += millis;
  }

  public double packetLoss() {
    return packetLoss;
  }

  /** Drops a share of the packets sent to or from this instance. */
  public void losePackets(double rate) {
    packetLoss = Math.min(1.0, packetLoss + rate);
  }

  public double rejectRate() {
    return rejectRate;
  }

  public double queueWaitMs() {
    return queueWaitMs;
  }

  public boolean threadPoolExhausted() {
    return threadPoolExhausted;
  }

  /**
   * All worker threads are stuck: requests wait {@code meanWaitMs} on average and a share is
   * rejected.
   */
  public void exhaustThreadPool(double meanWaitMs, double rejectShare) {
    threadPoolExhausted = true;
    queueWaitMs += meanWaitMs;
    rejectRate = Math.min(1.0, rejectRate + rejectShare);
  }

  public double configErrorLogRate() {
    return configErrorLogRate;
  }

  /** A share of requests runs into a broken configuration value and logs it. */
  public void breakConfiguration(double logRate) {
    configErrorLogRate = Math.min(1.0, configErrorLogRate + logRate);
  }

  public boolean slowQueries() {
    return slowQueries;
  }

  public double diskLatencyFactor() {
    return diskLatencyFactor;
  }

  /** Storage I/O is slower by {@code factor}; queries log as slow. */
  public void slowDisk(double factor) {
    diskLatencyFactor *= factor;
    slowQueries = true;
  }
}
