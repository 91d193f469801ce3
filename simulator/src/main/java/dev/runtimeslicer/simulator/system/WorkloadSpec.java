package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The offered load: mean entry requests per second, the share of requests whose traces are kept
 * (head sampling; metrics always count every request), the daily cycle (relative amplitude and peak
 * hour in UTC), multiplicative noise, random bursts, and the request mix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSpec(
    double requestsPerSecond,
    Double traceSampling,
    Double dailyAmplitude,
    Double peakHourUtc,
    Double noise,
    Double burstsPerDay,
    Double burstFactor,
    Double burstMinutes,
    List<EntrySpec> mix) {

  /** This workload with another rate and trace sampling (null keeps the current value). */
  public WorkloadSpec with(Double rate, Double sampling) {
    return new WorkloadSpec(
        rate != null ? rate : requestsPerSecond,
        sampling != null ? sampling : traceSampling,
        dailyAmplitude,
        peakHourUtc,
        noise,
        burstsPerDay,
        burstFactor,
        burstMinutes,
        mix);
  }
}
