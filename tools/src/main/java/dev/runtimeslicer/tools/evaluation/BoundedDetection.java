package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.jobs.DetectJob;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectJobSettings;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.AssessmentJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.operators.sink.JsonLinesFileSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the detect job's operators after slicing (embedding, state, heads, alert lifecycle) in
 * Flink's BATCH mode over recorded slices, and returns every window assessment and alert
 * notification: the evaluation scores exactly what {@code detect} would have raised.
 */
public final class BoundedDetection {

  /** Everything the run produced. */
  public record Output(List<SliceAssessment> assessments, List<Alert> alerts) {}

  private BoundedDetection() {}

  /**
   * Detects on the slice files under {@code slices} with the tuned bundle {@code bundle}; {@code
   * work} keeps the outputs.
   */
  public static Output run(Path bundle, Path slices, Path work, Map<String, String> settings)
      throws Exception {
    Map<String, String> all = new java.util.LinkedHashMap<>(settings);
    all.put(DetectJobOptions.BUNDLE.key(), bundle.toAbsolutePath().toString());
    // The diagnosis scores (diagnosis.*) read the most anomalous window of each fault, flagged or
    // not.
    all.put(DetectJobOptions.DIAGNOSE_EVERY_WINDOW.key(), "true");
    DetectJobSettings config = DetectJobSettings.fromMap(all);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config.slicing(), true));
    // Slices carry their window end as event time, as the slicer emits them.
    WatermarkStrategy<RuntimeSlice> windowEnds =
        WatermarkStrategy.<RuntimeSlice>forBoundedOutOfOrderness(Duration.ZERO)
            .withTimestampAssigner((slice, previous) -> slice.windowEndMs - 1);
    DataStream<RuntimeSlice> input =
        env.fromSource(
                FileSource.forRecordStreamFormat(
                        new TextLineInputFormat(),
                        new org.apache.flink.core.fs.Path(slices.toUri()))
                    .build(),
                WatermarkStrategy.noWatermarks(),
                "recorded slices")
            .filter(line -> !line.isBlank())
            .map(SliceJson::read)
            .returns(RuntimeSlice.class)
            .assignTimestampsAndWatermarks(windowEnds);
    DataStream<DeadLetter> none =
        env.fromData(List.<DeadLetter>of(), TypeInformation.of(DeadLetter.class));
    DetectJob.DetectStreams streams = DetectJob.detect(input, none, config);
    Path alerts = work.resolve("alerts");
    Path assessments = work.resolve("assessments");
    streams
        .alerts()
        .map(AlertJson::write)
        .sinkTo(JsonLinesFileSink.create(alerts.toString(), "alerts"));
    streams
        .assessments()
        .map(AssessmentJson::write)
        .sinkTo(JsonLinesFileSink.create(assessments.toString(), "assessments"));
    env.execute("runtimeslicer evaluate (detect)");
    return new Output(
        JsonLinesDirectory.read(assessments, AssessmentJson::read),
        JsonLinesDirectory.read(alerts, AlertJson::read));
  }
}
