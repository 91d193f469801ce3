package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.Message;
import dev.runtimeslicer.model.source.OtlpJson;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes OTLP messages as OTLP/JSON lines to a gzip file, printing and compressing on every core.
 *
 * <p>Deflate is the expensive part (a single zlib stream runs at ~150 MB/s, i.e. ~300k spans/s on a
 * whole core), so the file is compressed the way pigz does it: consecutive messages are grouped
 * into chunks, a shared pool prints each chunk and deflates it with a fresh raw deflater that ends
 * on a sync flush (byte-aligned, no final block), and one writer thread per file appends the chunks
 * in submission order, keeps the CRC, and at the end adds an empty final block and the gzip
 * trailer. The result is one ordinary gzip member. Chunks are cut by the messages' encoded size
 * only, so the same messages always give a byte-identical file.
 */
final class JsonLinesGzipWriter implements AutoCloseable {

  /**
   * Protobuf bytes per chunk (about 2.3 times as much JSON): large enough that compression hardly
   * suffers.
   */
  static final int CHUNK_BYTES = 256 << 10;

  /** Chunks printed ahead of the writer; bounds memory while keeping every core busy. */
  private static final int QUEUED_CHUNKS = 4;

  private static final int BUFFER_BYTES = 1 << 16;

  /**
   * Fast compression: the generator is CPU-bound and the files are still ~8x smaller than the JSON.
   */
  private static final int GZIP_LEVEL = Deflater.BEST_SPEED;

  /** Magic, deflate, no flags, no mtime, "fastest" (as zlib marks level 1), OS unknown. */
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 0xff};

  /** A final fixed-Huffman block holding only end-of-block; follows the last chunk's sync flush. */
  private static final byte[] EMPTY_FINAL_BLOCK = {3, 0};

  private static final Future<Chunk> END = CompletableFuture.completedFuture(null);

  private final Path path;
  private final ExecutorService pool;
  private final int chunkBytes;
  private final BlockingQueue<Future<Chunk>> pending = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final OutputStream out;
  private final Thread writer;

  /** Written by the writer thread, read after joining it. */
  private final CRC32 crc = new CRC32();

  private long uncompressedBytes;
  private volatile Exception failure;
  private List<Message> batch = new ArrayList<>();
  private long batchBytes;

  JsonLinesGzipWriter(Path path, ExecutorService pool) throws IOException {
    this(path, pool, CHUNK_BYTES);
  }

  /**
   * A writer cutting chunks after {@code chunkBytes} of encoded messages (small values only in
   * tests).
   */
  JsonLinesGzipWriter(Path path, ExecutorService pool, int chunkBytes) throws IOException {
    this.path = path;
    this.pool = pool;
    this.chunkBytes = chunkBytes;
    this.out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES);
    out.write(GZIP_HEADER);
    this.writer = new Thread(this::drain, "otlp-writer-" + path.getFileName());
    writer.setDaemon(true);
    writer.start();
  }

  /** Adds one message as the next line; blocks when the writer is far behind. */
  void write(Message message) {
    rethrowFailure();
    batch.add(message);
    batchBytes += message.getSerializedSize();
    if (batchBytes >= chunkBytes) {
      submitBatch();
    }
  }

  private void submitBatch() {
    List<Message> messages = batch;
    batch = new ArrayList<>();
    batchBytes = 0;
    enqueue(pool.submit(() -> Chunk.of(messages)));
  }

  private void enqueue(Future<Chunk> chunk) {
    try {
      pending.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + path, e);
    }
  }

  private void drain() {
    try {
      while (true) {
        Future<Chunk> next = pending.take();
        if (next == END) {
          return;
        }
        Chunk chunk = next.get();
        crc.update(chunk.json, 0, chunk.jsonLength);
        uncompressedBytes += chunk.jsonLength;
        out.write(chunk.deflated, 0, chunk.deflatedLength);
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
      throw new UncheckedIOException(
          "cannot write " + path,
          failure instanceof IOException io ? io : new IOException(failure));
    }
  }

  @Override
  public void close() {
    try (out) {
      if (failure == null) {
        if (!batch.isEmpty()) {
          submitBatch();
        }
        enqueue(END);
      }
      writer.join();
      if (failure == null) {
        out.write(EMPTY_FINAL_BLOCK);
        writeIntLittleEndian((int) crc.getValue());
        writeIntLittleEndian((int) uncompressedBytes); // ISIZE: the length modulo 2^32
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing " + path, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
    rethrowFailure();
  }

  private void writeIntLittleEndian(int value) throws IOException {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }

  /**
   * The JSON lines of some consecutive messages and their raw deflate encoding, ending on a sync
   * flush.
   */
  private record Chunk(byte[] json, int jsonLength, byte[] deflated, int deflatedLength) {

    static Chunk of(List<Message> messages) throws IOException {
      Lines lines = new Lines(messages);
      for (Message message : messages) {
        OtlpJson.write(message, lines);
        lines.write('\n');
      }
      Deflater deflater = new Deflater(GZIP_LEVEL, true);
      try {
        deflater.setInput(lines.bytes(), 0, lines.size());
        byte[] deflated = new byte[lines.size() / 4 + 64];
        int length = 0;
        while (true) {
          int space = deflated.length - length;
          int written = deflater.deflate(deflated, length, space, Deflater.SYNC_FLUSH);
          length += written;
          if (written < space) {
            break; // all input consumed and flushed
          }
          deflated = Arrays.copyOf(deflated, 2 * deflated.length);
        }
        return new Chunk(lines.bytes(), lines.size(), deflated, length);
      } finally {
        deflater.end();
      }
    }
  }

  /** A byte buffer whose array is read in place. */
  private static final class Lines extends ByteArrayOutputStream {
    Lines(List<Message> messages) {
      super(estimate(messages));
    }

    private static int estimate(List<Message> messages) {
      long bytes = 0;
      for (Message message : messages) {
        bytes += 5L * message.getSerializedSize() / 2 + 1;
      }
      return (int) Math.min(bytes + 1024, Integer.MAX_VALUE - 64);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
