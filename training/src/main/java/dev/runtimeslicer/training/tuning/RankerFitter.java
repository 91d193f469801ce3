package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.LocalizationFeatures;
import dev.runtimeslicer.model.task.LocalizationRanker;
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
 * unsupervised rule (embedding and symptom deviations mixed, plus the metric deviation, a slow
 * callee of the first suspect put first); it is kept only when it does beyond chance: over the
 * incidents where exactly one of the two names the root cause first, an exact one-sided sign test
 * must find the ranker's wins unlikely under a coin flip (p at most {@value #SIGNIFICANCE}). From a
 * few dozen incidents a lead of one incident is noise, and a ranker fitted to such noise can rank
 * far worse on the next day's failures.
 */
final class RankerFitter {

  private static final String ROOT = "root";
  private static final String OTHER = "other";
  private static final String[] NAMES = {"f0", "f1", "f2", "f3", "f4", "f5", "f6"};

  /** Fewer labeled incidents than this cannot tell a ranker from luck. */
  private static final int MIN_INCIDENTS = 3;

  /** Largest sign-test p-value at which the ranker's lead over the unsupervised rule counts. */
  static final double SIGNIFICANCE = 0.1;

  /** The ranker (or null) and what cross-validation measured. */
  record Result(LocalizationRanker ranker, Map<String, Object> report) {}

  private RankerFitter() {}

  /**
   * @param localization the {@link LocalizationFeatures} of an incident window's services ({@link
   *     dev.runtimeslicer.model.task.FailureAnalyzer#localizationFeatures})
   * @param unsupervised the first suspect of an incident window by the unsupervised rule ({@link
   *     dev.runtimeslicer.model.task.FailureAnalyzer#rank} without a ranker), null when none
   */
  static Result fit(
      Map<FaultLabel, List<IncidentWindow>> incidents,
      Function<IncidentWindow, Map<String, double[]>> localization,
      Function<IncidentWindow, String> unsupervised) {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    Map<String, Object> report = new LinkedHashMap<>();
    List<FaultLabel> labeled = new ArrayList<>();
    for (FaultLabel fault : incidents.keySet()) {
      if (fault.rootCauseService() != null
          && !fault.rootCauseService().isEmpty()
          && !incidents.get(fault).isEmpty()) {
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
    int rankerOnly = 0;
    int deviationOnly = 0;
    for (FaultLabel heldOut : labeled) {
      List<FaultLabel> rest = new ArrayList<>(labeled);
      rest.remove(heldOut);
      LocalizationRanker ranker = train(rest, incidents, localization);
      IncidentWindow first = incidents.get(heldOut).get(0);
      Map<String, double[]> features = localization.apply(first);
      boolean rankerHit = heldOut.rootCauseService().equals(top(features, ranker));
      boolean deviationHit = heldOut.rootCauseService().equals(unsupervised.apply(first));
      rankerHits += rankerHit ? 1 : 0;
      deviationHits += deviationHit ? 1 : 0;
      rankerOnly += rankerHit && !deviationHit ? 1 : 0;
      deviationOnly += deviationHit && !rankerHit ? 1 : 0;
    }
    report.put("cvTop1Ranker", rankerHits / (double) labeled.size());
    report.put("cvTop1Deviation", deviationHits / (double) labeled.size());
    report.put("cvRankerOnly", rankerOnly);
    report.put("cvDeviationOnly", deviationOnly);
    double p = signTestP(rankerOnly, deviationOnly);
    report.put("signTestP", p);
    boolean keep = rankerOnly > deviationOnly && p <= SIGNIFICANCE;
    report.put("kept", keep);
    return new Result(keep ? train(labeled, incidents, localization) : null, report);
  }

  /**
   * One-sided exact sign test: the chance that a fair coin, flipped once per incident where the two
   * rules disagree, gives at least {@code wins} of them to the ranker.
   */
  static double signTestP(int wins, int losses) {
    int n = wins + losses;
    double p = 0;
    double term = Math.pow(0.5, n); // C(n, 0) / 2^n
    for (int k = 0; k <= n; k++) {
      if (k >= wins) {
        p += term;
      }
      term = term * (n - k) / (k + 1);
    }
    return Math.min(1.0, p);
  }

  /** The top service by the ranker. */
  static String top(Map<String, double[]> features, LocalizationRanker ranker) {
    return top(features, f -> ranker.score(f));
  }

  private static String top(
      Map<String, double[]> features, java.util.function.ToDoubleFunction<double[]> scoring) {
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

  private static LocalizationRanker train(
      List<FaultLabel> faults,
      Map<FaultLabel, List<IncidentWindow>> incidents,
      Function<IncidentWindow, Map<String, double[]>> localization) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("incident windows", factory), factory);
    for (FaultLabel fault : faults) {
      for (IncidentWindow window : incidents.get(fault)) {
        for (Map.Entry<String, double[]> entry :
            new java.util.TreeMap<>(localization.apply(window)).entrySet()) {
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
      w[Integer.parseInt(name.substring(1))] =
          weights.get(root, column) - weights.get(other, column);
    }
    int bias = weights.getDimension2Size() - 1;
    return new LocalizationRanker(w, weights.get(root, bias) - weights.get(other, bias));
  }
}
