package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.embedding.InvalidBundleException;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.AssessmentJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.DiagnosedWindow;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.HeadAnswer;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TaskHead;
import dev.runtimeslicer.model.task.TriageHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task head defined in one class, known to nothing else, travels from heads.json to outputs. */
class TaskHeadSeamTest {

  @TempDir Path temp;

  /** A head only this test knows: it names the window's first suspect. */
  public record FirstSuspectHead(double confidence) implements TaskHead {
    @Override
    public String name() {
      return "first_suspect";
    }

    @Override
    public HeadAnswer answer(DiagnosedWindow window) {
      List<String> first = window.leadingSuspects(1);
      return new HeadAnswer(first.isEmpty() ? "none" : first.get(0), confidence);
    }
  }

  @Test
  void aNewHeadIsStoredByItsClassAnsweredForEveryDiagnosedWindowAndWrittenUnderItsName()
      throws IOException {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    withTasks(StateAwareHeads.load(ModelBundle.load(bundle)), new FirstSuspectHead(0.75))
        .write(bundle);

    StateAwareHeads heads = StateAwareHeads.load(ModelBundle.load(bundle));
    assertThat(heads.task("first_suspect")).isEqualTo(new FirstSuspectHead(0.75));
    assertThat(Files.readString(bundle.resolve(StateAwareHeads.FILE)))
        .contains(FirstSuspectHead.class.getName());

    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    List<RuntimeSlice> slices = TunedBundleFixture.slices().subList(0, 12);
    List<SliceEmbedding> embeddings;
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      embeddings = encoder.embed(slices);
    }
    for (int i = 0; i < slices.size(); i++) {
      SliceAssessment assessment = analyzer.assess(embeddings.get(i), slices.get(i));
      // Without a ranker or traffic contrast, the model's own ranking is the one reported.
      assertThat(assessment.answers)
          .containsOnlyKeys("first_suspect")
          .containsEntry(
              "first_suspect", new HeadAnswer(assessment.rootCauses.get(0).service, 0.75));
      // Without a triage head, there is no failure type.
      assertThat(assessment.failureType).isEqualTo(TriageHead.UNKNOWN);
      String line = AssessmentJson.write(assessment);
      assertThat(line).contains("\"answers\":{\"first_suspect\":{\"label\":\"");
      assertThat(AssessmentJson.read(line).answers).isEqualTo(assessment.answers);
    }
  }

  @Test
  void headsJsonNamingAClassOutsideTheProjectIsRefused() throws IOException {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    withTasks(StateAwareHeads.load(ModelBundle.load(bundle)), new FirstSuspectHead(0.75))
        .write(bundle);
    String content =
        Files.readString(bundle.resolve(StateAwareHeads.FILE))
            .replace(FirstSuspectHead.class.getName(), "java.util.concurrent.atomic.AtomicLong");
    Files.writeString(bundle.resolve(StateAwareHeads.FILE), content);
    Files.writeString(
        bundle.resolve(StateAwareHeads.CHECKSUM_FILE),
        ModelBundle.sha256(content.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> StateAwareHeads.load(ModelBundle.load(bundle)))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void twoHeadsOfOneNameAreRefused() {
    StateAwareHeads heads =
        StateAwareHeads.load(ModelBundle.load(TunedBundleFixture.tunedBundle(temp.resolve("b"))));
    assertThatThrownBy(() -> withTasks(heads, new FirstSuspectHead(0.5), new FirstSuspectHead(0.9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two task heads are named first_suspect");
  }

  private static StateAwareHeads withTasks(StateAwareHeads h, TaskHead... tasks) {
    return new StateAwareHeads(
        h.formatVersion(),
        h.encoderSha256(),
        h.states(),
        h.profiles(),
        h.global(),
        h.policy(),
        h.adaptation(),
        List.of(tasks),
        h.ranker(),
        h.evidence(),
        h.symptoms(),
        h.alertTails(),
        h.pooledAlertTail(),
        h.report());
  }
}
