package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Copies of slices that keep one modality only, for the single-modality baselines: the same encoder
 * architecture and training, but it never sees the other two modalities.
 */
public final class ModalityFilter {

  private ModalityFilter() {}

  public static List<RuntimeSlice> only(Modality modality, List<RuntimeSlice> slices) {
    List<RuntimeSlice> out = new ArrayList<>(slices.size());
    for (RuntimeSlice slice : slices) {
      RuntimeSlice copy = SliceJson.read(SliceJson.write(slice));
      List<ServiceSlice> kept = new ArrayList<>();
      for (ServiceSlice service : copy.services) {
        if (modality != Modality.METRICS) {
          service.metrics = new TreeMap<>();
        }
        if (modality != Modality.TRACES) {
          List<String> exemplars = service.traces.exemplarTraceIds;
          service.traces = new TraceFeatures();
          service.traces.exemplarTraceIds = exemplars;
        }
        if (modality != Modality.LOGS) {
          service.logs = new LogFeatures();
        }
        boolean empty =
            service.metrics.isEmpty() && service.traces.spans == 0 && service.logs.total == 0;
        if (!empty) {
          kept.add(service);
        }
      }
      copy.services = kept;
      out.add(copy);
    }
    return out;
  }
}
