package dev.runtimeslicer.model.embedding;

import java.nio.file.Path;

/**
 * Keeps DJL from ever reaching the network: engines must come from jars on the class path, and
 * whatever DJL unpacks goes to a cache directory we choose. Must run before the first engine loads;
 * settings already given (for example by surefire or -D flags) win.
 */
public final class DjlOffline {

  public static final String OFFLINE = "ai.djl.offline";
  public static final String CACHE_DIR = "DJL_CACHE_DIR";
  public static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
  public static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";
  public static final String PYTORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private DjlOffline() {}

  /**
   * Sets offline mode, cache directories under the user's home and single-threaded PyTorch unless
   * they are set already.
   */
  public static synchronized void apply() {
    System.setProperty(OFFLINE, "true");
    // Whichever engine loads first may bring up PyTorch (ONNX Runtime loads it as its alternative
    // engine), and PyTorch reads its thread counts only then. BLAS libraries with more than one
    // thread adapt to the machine's load and sum in a different order, so training would stop
    // being reproducible for a seed: one thread unless the user says otherwise.
    System.setProperty(PYTORCH_THREADS, System.getProperty(PYTORCH_THREADS, "1"));
    System.setProperty(PYTORCH_INTEROP_THREADS, System.getProperty(PYTORCH_INTEROP_THREADS, "1"));
    Path cache = Path.of(System.getProperty("user.home"), ".runtimeslicer", "djl-cache");
    if (System.getProperty(CACHE_DIR) == null && System.getenv(CACHE_DIR) == null) {
      System.setProperty(CACHE_DIR, cache.toString());
    }
    if (System.getProperty(ENGINE_CACHE_DIR) == null && System.getenv(ENGINE_CACHE_DIR) == null) {
      System.setProperty(ENGINE_CACHE_DIR, System.getProperty(CACHE_DIR, cache.toString()));
    }
  }
}
