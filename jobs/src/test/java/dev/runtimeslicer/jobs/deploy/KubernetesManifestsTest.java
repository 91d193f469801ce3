package dev.runtimeslicer.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectJobSettings;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.cli.ClusterMain;
import dev.runtimeslicer.jobs.cli.RuntimeSlicerCommand;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * The Kubernetes manifests of deploy/k8s, read into the Flink operator's, Strimzi's and fabric8's
 * model classes and checked against the job's own code (no cluster is involved).
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "deploy", "k8s");
  private static final Path COLLECTOR_BASE =
      Path.of("..", "deploy", "collector", "otelcol-kafka.yaml");
  private static final Path JOBS_POM = Path.of("pom.xml");

  /**
   * YAML into the model classes, strictly: a misspelt field fails instead of landing in
   * additionalProperties.
   */
  private static final ObjectMapper STRICT =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated member) {
                  return false;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                    MapperConfig<?> config, Annotated annotated) {
                  JsonIgnoreProperties.Value value =
                      super.findPropertyIgnoralByName(config, annotated);
                  return value.withoutIgnoreUnknown();
                }
              });

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Map<String, List<JsonNode>> documentsByFile;
  private static FlinkDeployment flink;
  private static JsonNode flinkNode;
  private static Kafka kafka;
  private static DetectJobSettings job;
  private static CommandLine.ParseResult detect;

  @BeforeAll
  static void readManifests() throws IOException {
    documentsByFile = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<JsonNode> documents =
            YAML
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(Files.readString(file))
                .readAll()
                .stream()
                .filter(node -> node != null && node.isObject() && !node.isEmpty())
                .toList();
        documentsByFile.put(file.getFileName().toString(), documents);
      }
    }
    flinkNode = only("FlinkDeployment");
    flink = read(withoutFlinkVersion(flinkNode), FlinkDeployment.class);
    kafka = read(only("Kafka"), Kafka.class);
    detect =
        RuntimeSlicerCommand.commandLine()
            .parseArgs(flink.getSpec().getJob().getArgs())
            .subcommand();
    job = DetectJobSettings.fromMap(jobSettings(detect));
  }

  @Test
  void everyManifestReadsIntoItsModelClass() {
    Map<String, Class<? extends HasMetadata>> models =
        Map.ofEntries(
            Map.entry("FlinkDeployment", FlinkDeployment.class),
            Map.entry("Kafka", Kafka.class),
            Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("KafkaTopic", KafkaTopic.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Namespace", Namespace.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class));
    String namespace = read(only("Namespace"), Namespace.class).getMetadata().getName();
    assertThat(documentsByFile)
        .containsKeys(
            "namespace.yaml",
            "kafka.yaml",
            "kafka-topics.yaml",
            "collector.yaml",
            "alertmanager.yaml",
            "flink-rbac.yaml",
            "flink-deployment.yaml");

    documentsByFile.forEach(
        (file, documents) -> {
          assertThat(documents).as(file).isNotEmpty();
          for (JsonNode node : documents) {
            String kind = node.path("kind").asText();
            assertThat(models).as("%s: a kind this test knows", file).containsKey(kind);
            JsonNode readable = kind.equals("FlinkDeployment") ? withoutFlinkVersion(node) : node;
            HasMetadata resource = read(readable, models.get(kind));
            assertThat(node.path("apiVersion").asText())
                .as("%s %s apiVersion", file, kind)
                .isIn(apiVersions(models.get(kind)));
            if (!kind.equals("Namespace")) {
              // short service names (runtimeslicer-kafka-bootstrap, alertmanager) resolve only
              // within one namespace
              assertThat(resource.getMetadata().getNamespace())
                  .as("%s %s namespace", file, kind)
                  .isEqualTo(namespace);
            }
          }
        });
  }

  @Test
  void flinkDeploymentRunsTheClusterJarsEntryClass() throws Exception {
    JobSpec spec = flink.getSpec().getJob();
    Element clusterJar = shadeExecution("cluster-jar");
    String jarName = text(clusterJar, "finalName") + ".jar";

    assertThat(spec.getEntryClass())
        .isEqualTo(ClusterMain.class.getName())
        .isEqualTo(text(clusterJar, "mainClass"));
    assertThat(Class.forName(spec.getEntryClass())).isSameAs(ClusterMain.class);
    // the Dockerfile puts the jar where jarURI says
    String copyTarget = dockerfile("COPY").get(0).replaceAll(".*\\s", "");
    assertThat(dockerfile("COPY").get(0)).contains(" " + jarName + " ");
    assertThat(spec.getJarURI()).isEqualTo("local://" + copyTarget).endsWith("/usrlib/" + jarName);
    // and its build context (jobs/target, all else ignored) still sends the jar
    assertThat(Files.readAllLines(K8S.resolve("Dockerfile.dockerignore")))
        .contains("*", "!" + jarName);
    // the JobManager runs as an account the RBAC manifest binds to a Role
    String account = flink.getSpec().getServiceAccount();
    assertThat(read(only("ServiceAccount"), ServiceAccount.class).getMetadata().getName())
        .isEqualTo(account);
    RoleBinding binding = read(only("RoleBinding"), RoleBinding.class);
    assertThat(binding.getSubjects())
        .anySatisfy(subject -> assertThat(subject.getName()).isEqualTo(account));
    assertThat(binding.getRoleRef().getName())
        .isEqualTo(read(only("Role"), Role.class).getMetadata().getName());
  }

  @Test
  void imageAndFlinkVersionAreTheJobsFlink() {
    String version = EnvironmentInformation.getVersion();
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
    String[] parts = version.split("\\.");

    // flinkVersion is checked here, not by the model: operator API 1.10.0 predates the v2_* values
    assertThat(flinkNode.path("spec").path("flinkVersion").asText())
        .isEqualTo("v" + parts[0] + "_" + parts[1]);
    String base = dockerfile("FROM").get(0).split("\\s+")[1];
    assertThat(base).startsWith("flink:" + version + "-");
    assertThat(base).as("a Java 17 image, the project's release").contains("java17");
    assertThat(plugins()).contains("flink-s3-fs-presto-" + version + ".jar");
  }

  @Test
  void argsAreARealDetectCommandWithRealSettings() {
    assertThat(detect.commandSpec().name()).isEqualTo("detect");
    assertThat(detect.hasMatchedOption("--input"))
        .as("a stream from Kafka, not a file replay")
        .isFalse();
    assertThat(detect.hasMatchedOption("--bounded")).isFalse();
    Set<String> known =
        DetectJobSettings.allOptions().stream()
            .map(option -> option.key())
            .collect(Collectors.toSet());
    Map<String, String> settings = detect.matchedOptionValue("--set", Map.<String, String>of());
    assertThat(settings.keySet())
        .allSatisfy(
            key ->
                assertThat(
                        known.contains(key)
                            || key.startsWith(SliceJobOptions.KAFKA_PROPERTIES_PREFIX))
                    .as("job setting %s", key)
                    .isTrue());
    // the bundle comes from object storage, not a path that would have to exist on every
    // TaskManager
    String bundle = detect.matchedOptionValue("--bundle", "");
    assertThat(bundle).startsWith("s3://");
    assertThat(BundleLocation.of(bundle).isLocal()).isFalse();
  }

  @Test
  void kafkaTopicsAreTheTopicsTheJobUses() {
    Set<String> used =
        new TreeSet<>(
            List.of(
                job.slicing().get(SliceJobOptions.SPANS_TOPIC),
                job.slicing().get(SliceJobOptions.METRICS_TOPIC),
                job.slicing().get(SliceJobOptions.LOGS_TOPIC),
                job.slicing().get(SliceJobOptions.SLICES_TOPIC),
                job.slicing().get(SliceJobOptions.DEAD_LETTER_TOPIC),
                job.get(DetectJobOptions.ALERTS_TOPIC)));
    if (!job.get(DetectJobOptions.EMBEDDINGS_TOPIC).isBlank()) {
      used.add(job.get(DetectJobOptions.EMBEDDINGS_TOPIC));
    }
    List<KafkaTopic> topics =
        all("KafkaTopic").stream().map(node -> read(node, KafkaTopic.class)).toList();
    Set<String> declared =
        topics.stream()
            .map(
                topic ->
                    topic.getSpec().getTopicName() != null
                        ? topic.getSpec().getTopicName()
                        : topic.getMetadata().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    int brokers = brokers();

    // the manifest sets no topic, so these are the defaults of the code
    assertThat(used)
        .contains(
            SliceJobOptions.SPANS_TOPIC.defaultValue(),
            DetectJobOptions.ALERTS_TOPIC.defaultValue());
    assertThat(declared).isEqualTo(used);
    assertThat(topics)
        .allSatisfy(
            topic -> {
              assertThat(topic.getMetadata().getLabels())
                  .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
              assertThat(topic.getSpec().getReplicas()).isBetween(1, brokers);
            });
    // every source subtask of the job gets a partition of each OTLP topic to read
    Set<String> inputs =
        Set.of(
            job.slicing().get(SliceJobOptions.SPANS_TOPIC),
            job.slicing().get(SliceJobOptions.METRICS_TOPIC),
            job.slicing().get(SliceJobOptions.LOGS_TOPIC));
    assertThat(topics.stream().filter(topic -> inputs.contains(topic.getSpec().getTopicName())))
        .hasSize(inputs.size())
        .allSatisfy(
            topic ->
                assertThat(topic.getSpec().getPartitions())
                    .isGreaterThanOrEqualTo(flink.getSpec().getJob().getParallelism()));
  }

  @Test
  void kafkaRunsInKraftModeWithNodePools() {
    KafkaNodePool pool = read(only("KafkaNodePool"), KafkaNodePool.class);

    assertThat(kafka.getMetadata().getAnnotations())
        .containsEntry("strimzi.io/node-pools", "enabled")
        .containsEntry("strimzi.io/kraft", "enabled");
    assertThat(pool.getMetadata().getLabels())
        .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
    assertThat(pool.getSpec().getRoles()).contains(ProcessRoles.BROKER, ProcessRoles.CONTROLLER);
    Object minIsr = kafka.getSpec().getKafka().getConfig().get("min.insync.replicas");
    assertThat(Integer.parseInt(String.valueOf(minIsr)))
        .as("one broker may be down with acks=all")
        .isLessThan(brokers());
  }

  @Test
  void bootstrapServersAreTheStrimziListenerForJobAndCollector() throws IOException {
    GenericKafkaListener plain =
        kafka.getSpec().getKafka().getListeners().stream()
            .filter(listener -> !listener.isTls())
            .findFirst()
            .orElseThrow();
    // Strimzi's bootstrap service of a cluster is <name>-kafka-bootstrap
    String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort();

    assertThat(plain.getType().toValue()).isEqualTo("internal");
    assertThat(job.slicing().get(SliceJobOptions.BOOTSTRAP_SERVERS)).isEqualTo(bootstrap);
    assertThat(detect.matchedOptionValue("--bootstrap", "")).isEqualTo(bootstrap);
    List<String> brokers = new ArrayList<>();
    collectorConfig().at("/exporters/kafka/brokers").forEach(node -> brokers.add(node.asText()));
    assertThat(brokers).containsExactly(bootstrap);
  }

  @Test
  void collectorExportsTheTopicsAndEncodingsTheJobReads() throws IOException {
    JsonNode kafkaExporter = collectorConfig().at("/exporters/kafka");
    Map<String, String> topics =
        Map.of(
            "traces",
            job.slicing().get(SliceJobOptions.SPANS_TOPIC),
            "metrics",
            job.slicing().get(SliceJobOptions.METRICS_TOPIC),
            "logs",
            job.slicing().get(SliceJobOptions.LOGS_TOPIC));
    Map<String, String> encodings =
        Map.of(
            "traces",
            job.slicing().get(SliceJobOptions.SPANS_ENCODING).configName(),
            "metrics",
            job.slicing().get(SliceJobOptions.METRICS_ENCODING).configName(),
            "logs",
            job.slicing().get(SliceJobOptions.LOGS_ENCODING).configName());
    JsonNode base = YAML.readTree(COLLECTOR_BASE.toFile()).at("/exporters/kafka");

    for (String signal : topics.keySet()) {
      assertThat(kafkaExporter.at("/" + signal + "/topic").asText())
          .as(signal)
          .isEqualTo(topics.get(signal));
      assertThat(kafkaExporter.at("/" + signal + "/encoding").asText())
          .as(signal)
          .isEqualTo(encodings.get(signal));
      // the same as the documented configuration in deploy/collector
      assertThat(kafkaExporter.get(signal)).as(signal).isEqualTo(base.get(signal));
      List<String> exporters = new ArrayList<>();
      collectorConfig()
          .at("/service/pipelines/" + signal + "/exporters")
          .forEach(node -> exporters.add(node.asText()));
      assertThat(exporters).as("%s pipeline", signal).contains("kafka");
    }
    // the Deployment runs the ConfigMap's file
    Deployment collector = deployment("otelcol");
    Container container = collector.getSpec().getTemplate().getSpec().getContainers().get(0);
    ConfigMap config = configMap("otelcol-config");
    assertThat(container.getArgs())
        .contains("--config=" + mountedFile(collector, container, config, "config.yaml"));
  }

  @Test
  void alertmanagerUrlIsTheAlertmanagerService() {
    Service service = service("alertmanager");
    Deployment deployment = deployment("alertmanager");
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    URI url = URI.create(job.alertmanager().url());
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(p -> p.getPort() == url.getPort())
            .findFirst()
            .orElseThrow();

    assertThat(job.alertSinks())
        .contains(DetectJobOptions.AlertSink.ALERTMANAGER, DetectJobOptions.AlertSink.KAFKA);
    assertThat(url.getScheme()).isEqualTo("http");
    assertThat(url.getHost())
        .isIn(
            service.getMetadata().getName(),
            service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc");
    // the Service reaches the container: selector, target port
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal());
              assertThat(p.getContainerPort()).isEqualTo(url.getPort());
            });
    assertThat(container.getArgs())
        .contains(
            "--config.file="
                + mountedFile(
                    deployment, container, configMap("alertmanager-config"), "alertmanager.yml"));
  }

  @Test
  void everyImageIsPinned() {
    List<String> images = new ArrayList<>();
    images.add(flink.getSpec().getImage());
    images.add(dockerfile("FROM").get(0).split("\\s+")[1]);
    all("Deployment").stream()
        .map(node -> read(node, Deployment.class))
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
        .forEach(c -> images.add(c.getImage()));

    assertThat(images)
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(
            image -> {
              if (!image.contains("@sha256:")) {
                String name = image.substring(image.lastIndexOf('/') + 1);
                assertThat(name).as(image).contains(":");
                assertThat(name.substring(name.indexOf(':') + 1))
                    .as(image)
                    .isNotBlank()
                    .isNotEqualTo("latest");
              }
            });
  }

  @Test
  void stateGoesToObjectStorageAndUpgradesTakeSavepoints() {
    Map<String, String> conf = flink.getSpec().getFlinkConfiguration();
    String checkpoints = conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key());
    String savepoints = conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY.key());

    assertThat(
            List.of(
                checkpoints, savepoints, conf.get(HighAvailabilityOptions.HA_STORAGE_PATH.key())))
        .allSatisfy(uri -> assertThat(uri).startsWith("s3://"));
    assertThat(conf.get(HighAvailabilityOptions.HA_MODE.key())).isEqualTo("kubernetes");
    assertThat(flink.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
    // the job's own settings, when given, must not send state elsewhere than the operator looks
    assertThat(job.slicing().get(SliceJobOptions.CHECKPOINT_DIRECTORY)).isIn("", checkpoints);
    assertThat(job.slicing().get(SliceJobOptions.SAVEPOINT_DIRECTORY)).isIn("", savepoints);
    assertThat(job.slicing().get(SliceJobOptions.RESTORE_FROM))
        .as("the operator restores, not the args")
        .isEmpty();
    assertThat(plugins()).anySatisfy(plugin -> assertThat(plugin).startsWith("flink-s3-fs-"));
  }

  @Test
  void transactionTimeoutFitsTheBrokersMaximum() {
    Map<String, Object> broker = kafka.getSpec().getKafka().getConfig();
    long maxTimeoutMs = Long.parseLong(String.valueOf(broker.get("transaction.max.timeout.ms")));

    assertThat(job.slicing().get(SliceJobOptions.DELIVERY_GUARANTEE))
        .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(job.slicing().get(SliceJobOptions.TRANSACTION_TIMEOUT).toMillis())
        .isLessThanOrEqualTo(maxTimeoutMs);
    assertThat(
            Integer.parseInt(
                String.valueOf(broker.get("transaction.state.log.replication.factor"))))
        .isLessThanOrEqualTo(brokers());
  }

  /** The settings ClusterMain's detect command builds from its options, as DetectCommand does. */
  private static Map<String, String> jobSettings(CommandLine.ParseResult detect) {
    Map<String, String> settings =
        new LinkedHashMap<>(detect.matchedOptionValue("--set", Map.<String, String>of()));
    if (detect.hasMatchedOption("--bootstrap")) {
      settings.put(
          SliceJobOptions.BOOTSTRAP_SERVERS.key(), detect.matchedOptionValue("--bootstrap", ""));
    }
    settings.put(DetectJobOptions.BUNDLE.key(), detect.matchedOptionValue("--bundle", ""));
    return settings;
  }

  private static <T> T read(JsonNode node, Class<T> type) {
    try {
      return STRICT.treeToValue(node, type);
    } catch (IOException e) {
      throw new AssertionError("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** The apiVersions the model class is served under. */
  private static List<String> apiVersions(Class<? extends HasMetadata> type) {
    try {
      String group = (String) type.getField("RESOURCE_GROUP").get(null);
      @SuppressWarnings("unchecked")
      List<String> versions = (List<String>) type.getField("VERSIONS").get(null);
      return versions.stream().map(version -> group + "/" + version).toList();
    } catch (NoSuchFieldException e) {
      return List.of(HasMetadata.getApiVersion(type));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode withoutFlinkVersion(JsonNode flinkDeployment) {
    JsonNode copy = flinkDeployment.deepCopy();
    ((ObjectNode) copy.path("spec")).remove("flinkVersion");
    return copy;
  }

  private static List<JsonNode> all(String kind) {
    return documentsByFile.values().stream()
        .flatMap(List::stream)
        .filter(node -> node.path("kind").asText().equals(kind))
        .toList();
  }

  private static JsonNode only(String kind) {
    assertThat(all(kind)).as(kind).hasSize(1);
    return all(kind).get(0);
  }

  private static Deployment deployment(String name) {
    return named("Deployment", name, Deployment.class);
  }

  private static Service service(String name) {
    return named("Service", name, Service.class);
  }

  private static ConfigMap configMap(String name) {
    return named("ConfigMap", name, ConfigMap.class);
  }

  private static <T extends HasMetadata> T named(String kind, String name, Class<T> type) {
    return all(kind).stream()
        .map(node -> read(node, type))
        .filter(resource -> resource.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** The path where the container sees the ConfigMap's key, through a volume of the Deployment. */
  private static String mountedFile(
      Deployment deployment, Container container, ConfigMap config, String key) {
    assertThat(config.getData()).containsKey(key);
    Volume volume =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(
                v ->
                    v.getConfigMap() != null
                        && v.getConfigMap().getName().equals(config.getMetadata().getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError("no volume of ConfigMap " + config.getMetadata().getName()));
    VolumeMount mount =
        container.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(volume.getName()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("volume " + volume.getName() + " is not mounted"));
    return mount.getMountPath() + "/" + key;
  }

  private static JsonNode collectorConfig() throws IOException {
    return YAML.readTree(configMap("otelcol-config").getData().get("config.yaml"));
  }

  private static int brokers() {
    KafkaNodePool pool = read(only("KafkaNodePool"), KafkaNodePool.class);
    assertThat(pool.getSpec().getRoles()).contains(ProcessRoles.BROKER);
    return pool.getSpec().getReplicas();
  }

  /** The plugins the Flink image's entrypoint enables, from the Flink container's environment. */
  private static List<String> plugins() {
    List<EnvVar> env =
        flink.getSpec().getPodTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals("flink-main-container"))
            .findFirst()
            .orElseThrow()
            .getEnv();
    String value =
        env.stream()
            .filter(e -> e.getName().equals("ENABLE_BUILT_IN_PLUGINS"))
            .findFirst()
            .orElseThrow()
            .getValue();
    return List.of(value.split(";"));
  }

  /** The Dockerfile's instructions of one kind, comments and continuation-free. */
  private static List<String> dockerfile(String instruction) {
    try {
      List<String> lines =
          Files.readAllLines(K8S.resolve("Dockerfile")).stream()
              .map(String::strip)
              .filter(line -> line.startsWith(instruction + " "))
              .toList();
      assertThat(lines).as("Dockerfile %s", instruction).isNotEmpty();
      return lines;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The shade plugin execution of jobs/pom.xml with this id. */
  private static Element shadeExecution(String id) throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(JOBS_POM.toFile());
    NodeList executions = pom.getElementsByTagName("execution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      if (id.equals(text(execution, "id"))) {
        return execution;
      }
    }
    throw new AssertionError("no execution " + id + " in " + JOBS_POM);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    assertThat(nodes.getLength()).as("<%s>", tag).isPositive();
    return nodes.item(0).getTextContent().strip();
  }
}
