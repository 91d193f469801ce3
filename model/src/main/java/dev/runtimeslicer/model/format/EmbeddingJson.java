package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtimeslicer.model.embedding.EmbeddedSlice;

/**
 * The JSON of an embedded slice on the embeddings topic, for whoever builds new tasks on the
 * representation: system, window, runtime state, the system-state embedding and one embedding per
 * service. The slice's features are not repeated (they are on the slices topic).
 */
public final class EmbeddingJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddingJson() {}

  public static String write(EmbeddedSlice slice) {
    ObjectNode root = JSON.createObjectNode();
    root.put("system", slice.slice.system);
    root.put("windowStartMs", slice.slice.windowStartMs);
    root.put("windowEndMs", slice.slice.windowEndMs);
    root.put("state", slice.state);
    root.put("stateDistance", slice.stateDistance);
    root.put("novelState", slice.novelState);
    vector(root.putArray("embedding"), slice.embedding);
    ObjectNode services = root.putObject("services");
    for (int i = 0; i < slice.services.size(); i++) {
      vector(services.putArray(slice.services.get(i)), slice.serviceEmbeddings.get(i));
    }
    root.put("truncatedServices", slice.truncatedServices);
    return root.toString();
  }

  private static void vector(ArrayNode array, float[] values) {
    for (float value : values) {
      array.add(value);
    }
  }
}
