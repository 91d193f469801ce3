package dev.runtimeslicer.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live line on the terminal while a job writes files: how many lines (windows, alerts) it has
 * written so far and for how long it has run. Off when standard error is not a terminal, so logs
 * and tests stay as they were.
 */
final class OutputProgress implements AutoCloseable {

  private static final Duration REFRESH = Duration.ofSeconds(1);

  private final ProgressBar bar;
  private final ScheduledExecutorService refresher;

  private OutputProgress(ProgressBar bar, ScheduledExecutorService refresher) {
    this.bar = bar;
    this.refresher = refresher;
  }

  /** Shows {@code task}'s count of lines in {@code directories} (as {@code unit}) until closed. */
  static OutputProgress watch(String task, String unit, List<Path> directories) {
    if (System.console() == null) {
      return new OutputProgress(null, null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(-1)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setSpeedUnit(ChronoUnit.SECONDS)
            .showSpeed()
            .hideEta()
            .build();
    WrittenLines lines = new WrittenLines(directories);
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "runtimeslicer-progress");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(
        () -> bar.stepTo(lines.count()), 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    return new OutputProgress(bar, refresher);
  }

  @Override
  public void close() {
    if (refresher == null) {
      return;
    }
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bar.close();
  }
}
