package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.Message;
import dev.runtimeslicer.source.OtlpJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OTLP messages as OTLP/JSON lines to a gzip file. Printing JSON is the expensive part, so
 * messages are printed on a shared pool while one writer thread per file compresses the lines in
 * submission order; the output is therefore identical to sequential writing.
 */
final class JsonLinesGzipWriter implements AutoCloseable {

  /** Lines printed ahead of the writer; bounds memory while keeping both cores busy. */
  private static final int QUEUED_LINES = 16;
  private static final int BUFFER_BYTES = 1 << 16;
  /** Fast compression: the generator is CPU-bound and the files are still ~10x smaller than the JSON. */
  private static final int GZIP_LEVEL = Deflater.BEST_SPEED;
  private static final Future<byte[]> END = CompletableFuture.completedFuture(new byte[0]);

  private final Path path;
  private final ExecutorService printers;
  private final BlockingQueue<Future<byte[]>> pending = new ArrayBlockingQueue<>(QUEUED_LINES);
  private final OutputStream out;
  private final Thread writer;
  private volatile Exception failure;

  JsonLinesGzipWriter(Path path, ExecutorService printers) throws IOException {
    this.path = path;
    this.printers = printers;
    this.out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES), BUFFER_BYTES) {
      {
        def.setLevel(GZIP_LEVEL);
      }
    };
    this.writer = new Thread(this::drain, "otlp-writer-" + path.getFileName());
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues one message; blocks when the writer is far behind. */
  void write(Message message) {
    rethrowFailure();
    Future<byte[]> line = printers.submit(() -> OtlpJson.print(message).getBytes(StandardCharsets.UTF_8));
    try {
      pending.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + path, e);
    }
  }

  private void drain() {
    try {
      while (true) {
        Future<byte[]> line = pending.take();
        if (line == END) {
          return;
        }
        out.write(line.get());
        out.write('\n');
      }
    } catch (IOException | ExecutionException e) {
      failure = e;
      pending.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    }
  }

  private void rethrowFailure() {
    if (failure != null) {
      throw new UncheckedIOException("cannot write " + path, failure instanceof IOException io ? io
          : new IOException(failure));
    }
  }

  @Override
  public void close() {
    try {
      if (failure == null) {
        pending.put(END);
      }
      writer.join();
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing " + path, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
    rethrowFailure();
  }
}
