package dev.runtimeslicer.simulator.fault;

/**
 * Packets to and from the target are dropped (netem loss): retransmission timeouts add latency to
 * some calls, some connections are reset, and the network error counters climb.
 */
final class PacketLoss implements FaultBehavior {

  private static final double MIN_LOSS = 0.05;
  private static final double MAX_EXTRA_LOSS = 0.25;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    health.losePackets(MIN_LOSS + MAX_EXTRA_LOSS * fault.intensity());
  }
}
