package dev.runtimeslicer.tuning;

import dev.runtimeslicer.evaluation.FaultLabel;
import dev.runtimeslicer.task.DetectionMix;
import dev.runtimeslicer.task.LocalizationFeatures;
import dev.runtimeslicer.task.MetricDeviation;
import dev.runtimeslicer.task.LocalizationRanker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the supervised root-cause ranker: logistic regression (Tribuo) of "this service is the
 * labeled root cause" on {@link LocalizationFeatures}, over the most anomalous windows of every
 * labeled incident. Leave-one-incident-out tells whether it ranks unseen incidents better than the
 * unsupervised rule (embedding and symptom deviations mixed, plus the metric deviation); only then
 * is it kept.
 */
final class RankerFitter {

  private static final String ROOT = "root";
  private static final String OTHER = "other";
  private static final String[] NAMES = {"f0", "f1", "f2", "f3", "f4", "f5", "f6"};
  /** Fewer labeled incidents than this cannot tell a ranker from luck. */
  private static final int MIN_INCIDENTS = 3;

  /** The ranker (or null) and what cross-validation measured. */
  record Result(LocalizationRanker ranker, Map<String, Object> report) {}

  private RankerFitter() {}

  /**
   * @param localization the {@link LocalizationFeatures} of an incident window's services
   *     ({@link dev.runtimeslicer.task.FailureAnalyzer#localizationFeatures})
   */
  static Result fit(Map<FaultLabel, List<IncidentWindow>> incidents,
      Function<IncidentWindow, Map<String, double[]>> localization) {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    Map<String, Object> report = new LinkedHashMap<>();
    List<FaultLabel> labeled = new ArrayList<>();
    for (FaultLabel fault : incidents.keySet()) {
      if (fault.rootCauseService() != null && !fault.rootCauseService().isEmpty() && !incidents.get(fault).isEmpty()) {
        labeled.add(fault);
      }
    }
    report.put("incidents", labeled.size());
    if (labeled.size() < MIN_INCIDENTS) {
      report.put("kept", false);
      return new Result(null, report);
    }
    int rankerHits = 0;
    int deviationHits = 0;
    for (FaultLabel heldOut : labeled) {
      List<FaultLabel> rest = new ArrayList<>(labeled);
      rest.remove(heldOut);
      LocalizationRanker ranker = train(rest, incidents, localization);
      IncidentWindow first = incidents.get(heldOut).get(0);
      Map<String, double[]> features = localization.apply(first);
      rankerHits += heldOut.rootCauseService().equals(top(features, ranker)) ? 1 : 0;
      deviationHits += heldOut.rootCauseService().equals(top(features, first.deviations().profile().mix())) ? 1 : 0;
    }
    report.put("cvTop1Ranker", rankerHits / (double) labeled.size());
    report.put("cvTop1Deviation", deviationHits / (double) labeled.size());
    boolean keep = rankerHits > deviationHits;
    report.put("kept", keep);
    return new Result(keep ? train(labeled, incidents, localization) : null, report);
  }

  /** The top service by the ranker. */
  static String top(Map<String, double[]> features, LocalizationRanker ranker) {
    return top(features, f -> ranker.score(f));
  }

  /**
   * The top service without a ranker: embedding and symptom deviations mixed as the anomaly score
   * mixes them, plus the weighted metric deviation (what
   * {@link dev.runtimeslicer.task.FailureAnalyzer#unsupervisedScore} does online).
   */
  static String top(Map<String, double[]> features, DetectionMix mix) {
    return top(features, f -> mix.combine(f[0], f[3]) + MetricDeviation.RANKING_WEIGHT * f[5]);
  }

  private static String top(Map<String, double[]> features, java.util.function.ToDoubleFunction<double[]> scoring) {
    String best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[]> entry : new java.util.TreeMap<>(features).entrySet()) {
      double score = scoring.applyAsDouble(entry.getValue());
      if (score > bestScore) {
        bestScore = score;
        best = entry.getKey();
      }
    }
    return best;
  }

  private static LocalizationRanker train(List<FaultLabel> faults, Map<FaultLabel, List<IncidentWindow>> incidents,
      Function<IncidentWindow, Map<String, double[]>> localization) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("incident windows", factory), factory);
    for (FaultLabel fault : faults) {
      for (IncidentWindow window : incidents.get(fault)) {
        for (Map.Entry<String, double[]> entry : new java.util.TreeMap<>(localization.apply(window)).entrySet()) {
          String label = entry.getKey().equals(fault.rootCauseService()) ? ROOT : OTHER;
          data.add(new ArrayExample<>(new Label(label), NAMES, entry.getValue().clone()));
        }
      }
    }
    if (data.getOutputInfo().size() < 2) {
      return null;
    }
    // A fresh trainer per fit: Tribuo trainers advance their seed with every call.
    LinearSGDModel model = new LogisticRegressionTrainer().train(data);
    DenseMatrix weights = model.getWeightsCopy();
    int root = model.getOutputIDInfo().getID(new Label(ROOT));
    int other = model.getOutputIDInfo().getID(new Label(OTHER));
    double[] w = new double[NAMES.length];
    for (String name : NAMES) {
      int column = model.getFeatureIDMap().getID(name);
      w[Integer.parseInt(name.substring(1))] = weights.get(root, column) - weights.get(other, column);
    }
    int bias = weights.getDimension2Size() - 1;
    return new LocalizationRanker(w, weights.get(root, bias) - weights.get(other, bias));
  }
}
