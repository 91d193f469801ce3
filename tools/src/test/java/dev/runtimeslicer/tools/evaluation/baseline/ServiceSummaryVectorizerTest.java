package dev.runtimeslicer.tools.evaluation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSummaryVectorizerTest {

  @Test
  void summarizesEachTrainingServiceInNameOrder() {
    ServiceSummaryVectorizer vectorizer =
        ServiceSummaryVectorizer.fit(
            List.of(
                slice(service("web", 1, 100)),
                slice(service("api", 1, 100), service("web", 3, 100)),
                slice(service("api", 3, 100))));
    ServiceSlice api = service("api", 2 + 2 * Math.sqrt(2), 103);
    api.traces.requests = 120;
    api.traces.errors = 30;
    api.traces.latencyP50Ms = 9;
    api.traces.latencyP99Ms = 99;
    api.logs.total = 60;
    api.logs.severities.put("INFO", 45L);
    api.logs.severities.put("ERROR", 10L);
    api.logs.severities.put("FATAL", 5L);
    api.instances = List.of("a", "b", "c");

    double[] vector = vectorizer.vector(slice(api, service("unseen-in-training", 5, 5)));

    assertThat(vectorizer.services()).containsExactly("api", "web");
    assertThat(vectorizer.dimensions()).isEqualTo(2 * ServiceSummaryVectorizer.SUMMARIES.size());
    double[] apiPart = Arrays.copyOfRange(vector, 0, ServiceSummaryVectorizer.SUMMARIES.size());
    // 120 requests and 60 log records in 60 s; cpu sits 2 sigma off its training mean of 2, the
    // constant gauge 3 off its level of 100 at a scale of 1% of that level.
    assertThat(apiPart)
        .containsExactly(
            new double[] {
              Math.log1p(2),
              0.25,
              Math.log(10),
              Math.log(100),
              Math.log1p(1),
              0.25,
              Math.log(4),
              Math.log(3),
              3.0,
              2.5
            },
            within(1e-9));
    assertThat(Arrays.copyOfRange(vector, ServiceSummaryVectorizer.SUMMARIES.size(), vector.length))
        .containsOnly(0.0);
    assertThat(vectorizer.serviceOf(ServiceSummaryVectorizer.SUMMARIES.size() + 1)).isEqualTo(1);
  }

  private static RuntimeSlice slice(ServiceSlice... services) {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "s";
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    slice.services = List.of(services);
    return slice;
  }

  private static ServiceSlice service(String name, double cpu, double gauge) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.metrics.put("cpu", metric(cpu));
    service.metrics.put("gauge", metric(gauge));
    return service;
  }

  private static MetricFeatures metric(double mean) {
    MetricFeatures metric = new MetricFeatures();
    metric.mean = mean;
    metric.count = 1;
    return metric;
  }
}
