package dev.runtimeslicer.tools.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbered stage headers with the time each stage took, and a closing summary of them. */
public final class DemoStages {

  private final PrintStream out;
  private final int total;
  private final List<String> finished = new ArrayList<>();
  private final long startedNanos = System.nanoTime();
  private String current;
  private long currentNanos;

  public DemoStages(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  /** Ends the running stage, if any, and starts the next one. */
  public void begin(String title) {
    end();
    current = title;
    currentNanos = System.nanoTime();
    out.printf(Locale.ROOT, "%n== [%d/%d] %s%n", finished.size() + 1, total, title);
    out.flush();
  }

  /** Ends the running stage. */
  public void end() {
    if (current == null) {
      return;
    }
    double seconds = (System.nanoTime() - currentNanos) / 1e9;
    out.printf(Locale.ROOT, "   (%.1f s)%n", seconds);
    finished.add(String.format(Locale.ROOT, "%6.1f s  %s", seconds, current));
    current = null;
  }

  /** Every finished stage with its duration, and the total. */
  public void summary() {
    end();
    out.printf(Locale.ROOT, "%nStage durations:%n");
    finished.forEach(line -> out.println("  " + line));
    out.printf(Locale.ROOT, "  %6.1f s  total%n", (System.nanoTime() - startedNanos) / 1e9);
    out.flush();
  }
}
