package dev.runtimeslicer.training.tuning;

import java.util.List;

/** The one place task heads are registered: every fitter {@code tune} runs, in order. */
public final class TaskHeadFitters {

  private TaskHeadFitters() {}

  /** The fitters of every task head, configured by {@code settings}. */
  public static List<TaskHeadFitter> of(TuningSettings settings) {
    return List.of(
        new TriageFitter(
            settings.triageMinProbability(),
            settings.triageEmbeddingWeight(),
            settings.triageSuspects()));
  }
}
