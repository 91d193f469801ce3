package dev.runtimeslicer.embedding;

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

  private DjlOffline() {}

  /** Sets offline mode and cache directories under the user's home unless they are set already. */
  public static synchronized void apply() {
    System.setProperty(OFFLINE, "true");
    Path cache = Path.of(System.getProperty("user.home"), ".runtimeslicer", "djl-cache");
    if (System.getProperty(CACHE_DIR) == null && System.getenv(CACHE_DIR) == null) {
      System.setProperty(CACHE_DIR, cache.toString());
    }
    if (System.getProperty(ENGINE_CACHE_DIR) == null && System.getenv(ENGINE_CACHE_DIR) == null) {
      System.setProperty(ENGINE_CACHE_DIR, System.getProperty(CACHE_DIR, cache.toString()));
    }
  }
}
