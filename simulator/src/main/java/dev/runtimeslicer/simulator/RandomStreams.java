package dev.runtimeslicer.simulator;

import java.util.SplittableRandom;

/**
 * The independent random streams of a run, split in a fixed order from one generator seeded with
 * the run's seed, so that e.g. the fault schedule does not change when the request rate does.
 */
final class RandomStreams {

  final SplittableRandom faultSchedule;
  final SplittableRandom workload;
  final SplittableRandom requests;
  final SplittableRandom ids;
  final SplittableRandom faults;
  final SplittableRandom metrics;
  final SplittableRandom logs;

  /** Split after the others, so adding it changed none of the streams before it. */
  final SplittableRandom delivery;

  /** Each host's small clock offset; split last, for the same reason. */
  final SplittableRandom clocks;

  RandomStreams(long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    faultSchedule = root.split();
    workload = root.split();
    requests = root.split();
    ids = root.split();
    faults = root.split();
    metrics = root.split();
    logs = root.split();
    delivery = root.split();
    clocks = root.split();
  }
}
