package dev.runtimeslicer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.runtimeslicer.model.embedding.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Unified runtime contrastive loss over two modality-dropout views of a batch. Every term is a
 * symmetric soft-target InfoNCE whose targets are proportional to the temporal overlap w_ij of
 * windows i and j (1 for the same window, 0 across systems or without overlap):
 *
 * <ul>
 *   <li>cross-modal: each pair of modality embeddings, over the windows that have both modalities;
 *   <li>temporal: system embeddings of view one against view two;
 *   <li>service: sampled service embeddings of view one against view two, positives being the same
 *       service in overlapping windows.
 * </ul>
 *
 * Without overlapping windows in a batch the targets are one-hot and each term is plain InfoNCE;
 * the soft targets keep near-duplicate neighbours from being pushed apart as negatives.
 */
final class RuntimeContrastiveLoss {

  /** Logit offset that removes a column from the softmax. */
  private static final float MASKED_LOGIT = -1e4f;

  private RuntimeContrastiveLoss() {}

  /** The loss and its terms' values. */
  record Terms(NDArray total, float crossModal, float temporal, float service) {}

  /** One view: the encoder outputs and the masks it was fed. */
  record View(EncoderForward.Output output, Map<Modality, float[]> masks) {}

  static Terms compute(
      NDManager manager,
      List<Window> windows,
      int services,
      View first,
      View second,
      TrainingSettings config,
      SplittableRandom random) {
    int n = windows.size();
    float[] overlap = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        overlap[i * n + j] = i == j ? 1f : windows.get(i).overlap(windows.get(j));
      }
    }
    float tau = (float) config.temperature();
    NDArray total = manager.zeros(new Shape());
    float crossValue = 0;
    if (config.crossModalWeight() > 0) {
      NDArray cross = manager.zeros(new Shape());
      int terms = 0;
      Modality[] modalities = Modality.values();
      for (View view : new View[] {first, second}) {
        for (int a = 0; a < modalities.length; a++) {
          for (int b = a + 1; b < modalities.length; b++) {
            float[] presentA = presence(view.masks().get(modalities[a]), n, services);
            float[] presentB = presence(view.masks().get(modalities[b]), n, services);
            float[] both = new float[n];
            int pairs = 0;
            for (int i = 0; i < n; i++) {
              both[i] = presentA[i] * presentB[i];
              pairs += both[i] > 0 ? 1 : 0;
            }
            if (pairs < 2) {
              continue;
            }
            cross =
                cross.add(
                    symmetric(
                        manager,
                        view.output().modalities().get(modalities[a]),
                        view.output().modalities().get(modalities[b]),
                        overlap,
                        both,
                        tau));
            terms++;
          }
        }
      }
      if (terms > 0) {
        cross = cross.div(GraphScalar.of(manager, terms));
        crossValue = cross.getFloat();
        total = total.add(cross.mul(GraphScalar.of(manager, (float) config.crossModalWeight())));
      }
    }
    float temporalValue = 0;
    if (config.temporalWeight() > 0) {
      float[] all = new float[n];
      java.util.Arrays.fill(all, 1f);
      NDArray temporal =
          symmetric(manager, first.output().system(), second.output().system(), overlap, all, tau);
      temporalValue = temporal.getFloat();
      total = total.add(temporal.mul(GraphScalar.of(manager, (float) config.temporalWeight())));
    }
    float serviceValue = 0;
    if (config.serviceWeight() > 0) {
      NDArray service =
          serviceTerm(manager, windows, services, first, second, overlap, config, random);
      if (service != null) {
        serviceValue = service.getFloat();
        total = total.add(service.mul(GraphScalar.of(manager, (float) config.serviceWeight())));
      }
    }
    return new Terms(total, crossValue, temporalValue, serviceValue);
  }

  private static NDArray serviceTerm(
      NDManager manager,
      List<Window> windows,
      int services,
      View first,
      View second,
      float[] overlap,
      TrainingSettings config,
      SplittableRandom random) {
    int n = windows.size();
    float[] inFirst = servicePresence(first.masks(), n * services);
    float[] inSecond = servicePresence(second.masks(), n * services);
    List<Integer> candidates = new ArrayList<>();
    for (int slot = 0; slot < n * services; slot++) {
      if (inFirst[slot] > 0 && inSecond[slot] > 0) {
        candidates.add(slot);
      }
    }
    if (candidates.size() < 2) {
      return null;
    }
    int k = Math.min(config.servicesPerBatch(), candidates.size());
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(candidates.size() - i);
      Integer swap = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, swap);
    }
    long[] picked = new long[k];
    String[] names = new String[k];
    int[] window = new int[k];
    for (int i = 0; i < k; i++) {
      int slot = candidates.get(i);
      picked[i] = slot;
      window[i] = slot / services;
      names[i] = windows.get(window[i]).features().serviceNames(0).get(slot % services);
    }
    float[] targets = new float[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        targets[a * k + b] = names[a].equals(names[b]) ? overlap[window[a] * n + window[b]] : 0f;
      }
    }
    float[] all = new float[k];
    java.util.Arrays.fill(all, 1f);
    NDArray index = manager.create(picked);
    long dimension = first.output().services().getShape().get(2);
    NDArray a = first.output().services().reshape(n * (long) services, dimension).get(index);
    NDArray b = second.output().services().reshape(n * (long) services, dimension).get(index);
    return symmetric(manager, a, b, targets, all, (float) config.temperature());
  }

  /** Mean of the soft-target InfoNCE of a against b and of b against a. */
  static NDArray symmetric(
      NDManager manager, NDArray a, NDArray b, float[] weights, float[] rows, float tau) {
    int n = rows.length;
    float[] transposed = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        transposed[j * n + i] = weights[i * n + j];
      }
    }
    return softInfoNce(manager, a, b, weights, rows, tau)
        .add(softInfoNce(manager, b, a, transposed, rows, tau))
        .div(GraphScalar.of(manager, 2f));
  }

  /**
   * Cross-entropy between softmax(a b^T / tau) over the columns of valid windows and targets
   * proportional to {@code weights}, averaged over valid rows. A window is valid when {@code
   * valid[i]} is 1: rows and columns alike.
   */
  private static NDArray softInfoNce(
      NDManager manager, NDArray a, NDArray b, float[] weights, float[] valid, float tau) {
    int n = valid.length;
    float[] targets = new float[n * n];
    float[] rowWeight = new float[n];
    float[] columnOffset = new float[n];
    float rows = 0;
    for (int i = 0; i < n; i++) {
      columnOffset[i] = valid[i] > 0 ? 0f : MASKED_LOGIT;
      if (valid[i] == 0) {
        continue;
      }
      float sum = 0;
      for (int j = 0; j < n; j++) {
        sum += valid[j] > 0 ? weights[i * n + j] : 0f;
      }
      if (sum <= 0) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        targets[i * n + j] = valid[j] > 0 ? weights[i * n + j] / sum : 0f;
      }
      rowWeight[i] = 1f;
      rows++;
    }
    NDArray logits =
        a.matMul(b.transpose())
            .div(GraphScalar.of(manager, tau))
            .add(manager.create(columnOffset).reshape(1, n));
    NDArray logProbabilities = logits.logSoftmax(1);
    NDArray perRow =
        logProbabilities.mul(manager.create(targets).reshape(n, n)).sum(new int[] {1}).neg();
    return perRow
        .mul(manager.create(rowWeight))
        .sum()
        .div(GraphScalar.of(manager, Math.max(rows, 1f)));
  }

  /** 1 for windows with at least one service of this modality in the mask. */
  static float[] presence(float[] mask, int windows, int services) {
    float[] present = new float[windows];
    for (int i = 0; i < windows; i++) {
      for (int s = 0; s < services; s++) {
        if (mask[i * services + s] > 0) {
          present[i] = 1f;
          break;
        }
      }
    }
    return present;
  }

  private static float[] servicePresence(Map<Modality, float[]> masks, int slots) {
    float[] present = new float[slots];
    for (float[] mask : masks.values()) {
      for (int slot = 0; slot < slots; slot++) {
        if (mask[slot] > 0) {
          present[slot] = 1f;
        }
      }
    }
    return present;
  }
}
