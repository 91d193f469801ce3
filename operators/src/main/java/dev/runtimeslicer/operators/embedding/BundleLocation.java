package dev.runtimeslicer.operators.embedding;

import dev.runtimeslicer.model.embedding.PretrainedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Where a model bundle lives: a local directory, any URI of Flink's file systems (s3://, gs://,
 * hdfs:// with Flink's plugins), so a job on a cluster reads one bundle from object storage instead
 * of needing a copy at the same path on every TaskManager, or the pretrained bundle in the jar.
 */
public final class BundleLocation implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Local copies of remote bundles, one per location and JVM (per job class loader on a
   * TaskManager).
   */
  private static final Map<String, Path> LOCAL_COPIES = new ConcurrentHashMap<>();

  private final String location;

  private BundleLocation(String location) {
    this.location = location;
  }

  /** A location given as a local path (made absolute) or a URI with a scheme. */
  public static BundleLocation of(String pathOrUri) {
    if (pathOrUri == null || pathOrUri.isBlank()) {
      throw new IllegalArgumentException("the model bundle location is empty");
    }
    if (PretrainedBundle.named(pathOrUri)) {
      return pretrained();
    }
    String scheme = URI.create(pathOrUri.replace(" ", "%20")).getScheme();
    // "C:" would read as a scheme, but the job runs on Linux; one letter is not a file system's
    // scheme anyway.
    boolean local = scheme == null || scheme.length() == 1 || scheme.equals("file");
    return new BundleLocation(local ? localPath(pathOrUri).toString() : pathOrUri);
  }

  /**
   * The bundle shipped in the jar ({@link PretrainedBundle}): each JVM extracts it from its own
   * class path, so a cluster needs no copy of it.
   */
  public static BundleLocation pretrained() {
    return new BundleLocation(PretrainedBundle.LOCATION);
  }

  /** Whether this is the bundle shipped in the jar. */
  public boolean isPretrained() {
    return PretrainedBundle.named(location);
  }

  /** A local directory. */
  public static BundleLocation of(Path directory) {
    return new BundleLocation(directory.toAbsolutePath().toString());
  }

  /** Whether the bundle is a local directory (read in place). */
  public boolean isLocal() {
    return location.startsWith("/");
  }

  /**
   * A local directory holding the bundle: itself when local, else a copy of the remote directory's
   * files made once per JVM.
   */
  public Path localDirectory() {
    if (isLocal()) {
      return Path.of(location);
    }
    if (isPretrained()) {
      return LOCAL_COPIES.computeIfAbsent(location, ignored -> PretrainedBundle.extract());
    }
    return LOCAL_COPIES.computeIfAbsent(location, BundleLocation::copyToLocal);
  }

  static Path copyToLocal(String location) {
    try {
      org.apache.flink.core.fs.Path remote = new org.apache.flink.core.fs.Path(location);
      FileSystem fs = remote.getFileSystem();
      FileStatus[] files = fs.listStatus(remote);
      if (files == null || files.length == 0) {
        throw new IOException(
            "no model bundle at " + location + ": the directory is missing or empty");
      }
      Path local = Files.createTempDirectory("runtimeslicer-bundle-");
      for (FileStatus file : files) {
        if (file.isDir()) {
          continue;
        }
        try (InputStream in = fs.open(file.getPath())) {
          Files.copy(in, local.resolve(file.getPath().getName()));
        }
        local.resolve(file.getPath().getName()).toFile().deleteOnExit();
      }
      local.toFile().deleteOnExit();
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the model bundle at "
              + location
              + " (for s3:// or gs://, Flink's filesystem plugin must be installed on the cluster):"
              + " "
              + e.getMessage(),
          e);
    }
  }

  private static Path localPath(String pathOrUri) {
    return (pathOrUri.startsWith("file:") ? Path.of(URI.create(pathOrUri)) : Path.of(pathOrUri))
        .toAbsolutePath();
  }

  @Override
  public String toString() {
    return location;
  }
}
