package dev.runtimeslicer.operators.source;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * Text lines (plain or compressed, as Flink's TextLineInputFormat reads them) with the name of
 * their file and their line number, so a dead letter of a replay says exactly where it came from.
 * Files are read whole, never split, so line numbers count from the start of the file.
 */
public final class NumberedLineFormat implements BulkFormat<FileLine, FileSourceSplit> {

  private static final long serialVersionUID = 1L;
  private final StreamFormatAdapter<String> lines =
      new StreamFormatAdapter<>(new TextLineInputFormat());

  @Override
  public Reader<FileLine> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new NumberedReader(lines.createReader(config, split), split.path().getName(), 0);
  }

  @Override
  public Reader<FileLine> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    long linesRead =
        split.getReaderPosition().map(position -> position.getRecordsAfterOffset()).orElse(0L);
    return new NumberedReader(
        lines.restoreReader(config, split), split.path().getName(), linesRead);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<FileLine> getProducedType() {
    return TypeInformation.of(FileLine.class);
  }

  /** Numbers the lines of one file as they are read. */
  private static final class NumberedReader implements Reader<FileLine> {
    private final Reader<String> lines;
    private final String file;
    private long lineNumber;

    NumberedReader(Reader<String> lines, String file, long linesRead) {
      this.lines = lines;
      this.file = file;
      this.lineNumber = linesRead;
    }

    @Override
    public RecordIterator<FileLine> readBatch() throws IOException {
      RecordIterator<String> batch = lines.readBatch();
      if (batch == null) {
        return null;
      }
      return new RecordIterator<>() {
        @Override
        public RecordAndPosition<FileLine> next() {
          RecordAndPosition<String> next = batch.next();
          if (next == null) {
            return null;
          }
          lineNumber++;
          return new RecordAndPosition<>(
              new FileLine(file, lineNumber, next.getRecord()),
              next.getOffset(),
              next.getRecordSkipCount());
        }

        @Override
        public void releaseBatch() {
          batch.releaseBatch();
        }
      };
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
