package dev.runtimeslicer.simulator.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Draws a whole microservice system from a seed ({@code --system random:SEED}): its business domain
 * and so its service and operation names, a naming style, its size, a layered call graph (calls
 * only go deeper, so it has no cycle) over databases and caches, protocols, latencies, error rates,
 * replicas, resources, nodes and workload. Models and heads trained or checked on many of them meet
 * systems that nobody wrote by hand, as a user's system will be. The same seed always gives the
 * same system.
 */
public final class RandomSystemGenerator {

  /** How a system name asks for a generated system: {@code random:42}. */
  public static final String PREFIX = "random:";

  /** Business services (the gateway and stores aside), at least and at most. */
  static final int MIN_SERVICES = 4;

  static final int MAX_SERVICES = 36;

  /** The nouns of one business domain: what services and operations are named after. */
  private record Domain(String name, List<String> nouns) {
    Domain(String name, String nouns) {
      this(name, List.of(nouns.split(" ")));
    }
  }

  private static final List<Domain> DOMAINS =
      List.of(
          new Domain(
              "retail",
              "cart catalog checkout payment shipping inventory pricing review wishlist "
                  + "coupon order invoice recommendation search customer loyalty tax warehouse "
                  + "returns ad"),
          new Domain(
              "banking",
              "account ledger transfer card loan fraud statement kyc payee fx interest limit "
                  + "notification audit customer balance mortgage clearing sanctions risk"),
          new Domain(
              "travel",
              "flight hotel booking seat fare itinerary payment loyalty route station ticket"
                  + " traveler insurance baggage checkin schedule rental voucher availability"
                  + " refund"),
          new Domain(
              "media",
              "post timeline feed media comment like follow user profile message notification "
                  + "trend tag upload transcode thumbnail moderation search session graph"),
          new Domain(
              "logistics",
              "parcel route depot driver fleet tracking label customs pickup delivery slot "
                  + "zone manifest carrier rate address scan proof dispatch billing"),
          new Domain(
              "healthcare",
              "patient appointment record prescription lab billing claim provider schedule "
                  + "consent imaging pharmacy referral triage vitals allergy encounter insurance "
                  + "portal notification"),
          new Domain(
              "gaming",
              "match lobby player inventory leaderboard store wallet achievement chat party "
                  + "season reward telemetry session friend clan quest replay skin entitlement"));

  /** How a team names its services, e.g. cartservice, cart-service, shop-cart, cart-api. */
  private enum NamingStyle {
    JOINED,
    HYPHENATED,
    PREFIXED,
    API,
    SNAKE;

    String name(String noun, String prefix) {
      return switch (this) {
        case JOINED -> noun + "service";
        case HYPHENATED -> noun + "-service";
        case PREFIXED -> prefix + "-" + noun;
        case API -> noun + "-api";
        case SNAKE -> noun + "_svc";
      };
    }
  }

  /** A store technology: its kind and operation names. */
  private record Store(String dbSystem, String kind, List<String> operations) {}

  private static final List<Store> STORES =
      List.of(
          new Store("mysql", "database", List.of("SELECT", "INSERT", "UPDATE")),
          new Store("postgresql", "database", List.of("SELECT", "INSERT", "UPDATE", "DELETE")),
          new Store("mongodb", "database", List.of("find", "insert", "update")),
          new Store("cassandra", "database", List.of("SELECT", "INSERT")),
          new Store("redis", "cache", List.of("GET", "SET", "HGET")),
          new Store("memcached", "cache", List.of("get", "set")));

  private static final List<String> HTTP_VERBS = List.of("GET", "GET", "GET", "POST", "PUT");
  private static final List<String> RPC_VERBS =
      List.of("Get", "List", "Create", "Update", "Check", "Compute");

  private RandomSystemGenerator() {}

  /** True when {@code system} names a generated system ({@link #PREFIX} and a seed). */
  public static boolean names(String system) {
    return system != null && system.startsWith(PREFIX);
  }

  /**
   * The system {@code random:SEED} names.
   *
   * @throws IllegalArgumentException when the seed is not an integer
   */
  public static SystemModel generate(String system) {
    String seed = system.substring(PREFIX.length()).trim();
    try {
      return generate(Long.parseLong(seed));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + system + "' needs an integer seed after '" + PREFIX + "', e.g. random:42", e);
    }
  }

  /** The system of {@code seed}, named {@code random-SEED}. */
  public static SystemModel generate(long seed) {
    return new Generation(new Random(mixed(seed)), new Random(mixed(~seed)))
        .system("random-" + seed);
  }

  /**
   * {@code seed} with its bits spread (SplitMix64's finalizer): java.util.Random's first draws of
   * nearby seeds are nearly equal, which would give seeds 1, 2, 3 the same domain and conventions.
   */
  static long mixed(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** One draw: the random source and the names taken so far. */
  private static final class Generation {
    private final Random random;

    /**
     * Draws how the system's telemetry is written, apart from {@link #random}, so a convention
     * added later does not change the systems that seeds already give.
     */
    private final Random conventions;

    private final Set<String> names = new HashSet<>();

    Generation(Random random, Random conventions) {
      this.random = random;
      this.conventions = conventions;
    }

    SystemModel system(String name) {
      Domain domain = pick(DOMAINS);
      NamingStyle style = pick(List.of(NamingStyle.values()));
      String prefix = domain.name().substring(0, Math.min(4, domain.name().length()));
      boolean grpc = random.nextDouble() < 0.6;
      MetricNaming naming =
          MetricNaming.values()[conventions.nextInt(MetricNaming.values().length)];
      int business = MIN_SERVICES + skewed(MAX_SERVICES - MIN_SERVICES + 1);
      int depth = Math.min(business, 2 + random.nextInt(3));

      List<String> nouns = new ArrayList<>(domain.nouns());
      java.util.Collections.shuffle(nouns, random);
      List<List<Draft>> layers = new ArrayList<>();
      for (int l = 0; l < depth; l++) {
        layers.add(new ArrayList<>());
      }
      for (int i = 0; i < business; i++) {
        String noun =
            i < nouns.size() ? nouns.get(i) : nouns.get(i % nouns.size()) + (i / nouns.size() + 1);
        // The first services fill every layer once; the rest go anywhere, deeper more often.
        int layer = i < depth ? i : Math.min(depth - 1, skewed(depth) + random.nextInt(2));
        boolean http = !grpc || random.nextDouble() < 0.15;
        layers.get(layer).add(businessService(unique(style.name(noun, prefix)), noun, http));
      }
      List<Draft> stores = new ArrayList<>();
      int storeCount = Math.max(1, business / 4 + random.nextInt(2));
      for (int i = 0; i < storeCount; i++) {
        Store store = i == 0 ? pick(STORES.subList(0, 4)) : pick(STORES);
        String owner = pick(layers.get(depth - 1)).noun;
        stores.add(store(unique(owner + "-" + store.dbSystem()), store));
      }
      Draft gateway =
          gateway(
              unique(pick(List.of("frontend", "gateway", "edge", "web", "api-gateway"))), domain);

      // Every service is called by a shallower one, so it serves traffic; then more calls.
      List<Draft> shallower = new ArrayList<>(List.of(gateway));
      for (List<Draft> layer : layers) {
        for (Draft service : layer) {
          for (Op op : service.operations) {
            pick(pick(shallower).operations).call(op, random);
          }
        }
        shallower.addAll(layer);
      }
      for (Draft store : stores) {
        Draft caller = pick(layers.get(depth - 1 - random.nextInt(Math.min(2, depth))));
        pick(caller.operations).call(pick(store.operations), random);
      }
      for (int l = 0; l <= depth; l++) {
        List<Draft> callers = l == 0 ? List.of(gateway) : layers.get(l - 1);
        List<Draft> deeper = new ArrayList<>();
        for (int d = l; d < depth; d++) {
          deeper.addAll(layers.get(d));
        }
        deeper.addAll(stores);
        for (Draft caller : callers) {
          for (Op op : caller.operations) {
            int extra = random.nextInt(3);
            for (int c = 0; c < extra && !deeper.isEmpty(); c++) {
              op.call(pick(pick(deeper).operations), random);
            }
          }
        }
      }

      List<ServiceSpec> services = new ArrayList<>();
      services.add(gateway.spec());
      layers.forEach(layer -> layer.forEach(service -> services.add(service.spec())));
      stores.forEach(store -> services.add(store.spec()));
      return new SystemModel(
          name,
          String.format(
              Locale.ROOT,
              "A generated %s system: %d services in %d layers over %d stores (%s, %s metrics).",
              domain.name(),
              business + 1,
              depth,
              storeCount,
              grpc ? "mostly gRPC" : "HTTP",
              naming.id()),
          defaults(),
          nodes(),
          workload(gateway),
          services,
          naming.id());
    }

    private Draft businessService(String name, String noun, boolean http) {
      Draft service = new Draft(name, noun, http ? "http" : "grpc", "service", null);
      int operations = 1 + random.nextInt(4);
      Set<String> taken = new LinkedHashSet<>();
      for (int i = 0; i < operations; i++) {
        String op =
            http
                ? pick(HTTP_VERBS) + " /" + noun + (random.nextBoolean() ? "s" : "/{id}")
                : pick(RPC_VERBS) + capitalized(noun) + (random.nextBoolean() ? "s" : "");
        if (taken.add(op)) {
          service.operations.add(new Op(service, op, latency(0.4, 6), errorRate()));
        }
      }
      service.replicas = 1 + random.nextInt(3);
      service.accessLog = http && random.nextBoolean();
      return service;
    }

    private Draft store(String name, Store store) {
      Draft service = new Draft(name, null, "db", store.kind(), store.dbSystem());
      for (String op : store.operations()) {
        service.operations.add(new Op(service, op, latency(0.2, 2.5), 0.0001));
      }
      service.replicas = 1 + random.nextInt(2);
      service.resources =
          new ResourceSpec(
              1.0 + random.nextInt(3), null, null, 400 + random.nextInt(800), 2048, null, null);
      return service;
    }

    private Draft gateway(String name, Domain domain) {
      Draft service = new Draft(name, null, "http", "gateway", null);
      List<String> nouns = new ArrayList<>(domain.nouns());
      java.util.Collections.shuffle(nouns, random);
      int routes = 3 + random.nextInt(5);
      service.operations.add(new Op(service, "GET /", latency(1, 4), errorRate()));
      for (int i = 0; i < routes - 1; i++) {
        String route =
            pick(HTTP_VERBS) + " /" + nouns.get(i) + (random.nextBoolean() ? "" : "/{id}");
        if (service.operations.stream().noneMatch(o -> o.name.equals(route))) {
          service.operations.add(new Op(service, route, latency(1, 4), errorRate()));
        }
      }
      service.replicas = 1 + random.nextInt(3);
      service.accessLog = true;
      return service;
    }

    private SystemDefaults defaults() {
      return new SystemDefaults(
          pick(List.of(1000, 1500, 2000, 3000)),
          random.nextInt(3),
          LatencySpec.logNormal(0.15 + 0.35 * random.nextDouble(), 0.3),
          new ResourceSpec(
              pick(List.of(0.5, 1.0, 2.0)),
              0.01 + 0.03 * random.nextDouble(),
              0.4 + 0.4 * random.nextDouble(),
              128 + random.nextInt(384),
              pick(List.of(512, 1024, 2048)),
              0.2 + random.nextDouble(),
              pick(List.of(50, 100, 200, 400))));
    }

    private List<NodeSpec> nodes() {
      int count = 2 + random.nextInt(5);
      int cores = pick(List.of(4, 8, 16));
      List<NodeSpec> nodes = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        nodes.add(new NodeSpec("node-" + i, cores, cores * 4));
      }
      return nodes;
    }

    private WorkloadSpec workload(Draft gateway) {
      List<EntrySpec> mix = new ArrayList<>();
      for (Op op : gateway.operations) {
        mix.add(new EntrySpec(gateway.name + "/" + op.name, 1 + random.nextInt(40)));
      }
      return new WorkloadSpec(
          10 + random.nextInt(110),
          pick(List.of(0.01, 0.02, 0.05, 0.1)),
          0.2 + 0.5 * random.nextDouble(),
          (double) random.nextInt(24),
          0.05 + 0.1 * random.nextDouble(),
          2.0 + random.nextInt(9),
          1.5 + 1.5 * random.nextDouble(),
          2.0 + random.nextInt(5),
          mix);
    }

    private LatencySpec latency(double minMedianMs, double maxMedianMs) {
      double median = minMedianMs * Math.pow(maxMedianMs / minMedianMs, random.nextDouble());
      return LatencySpec.logNormal(
          Math.round(median * 100) / 100.0,
          Math.round((0.2 + 0.4 * random.nextDouble()) * 100) / 100.0);
    }

    private double errorRate() {
      return Math.round(0.0001 * Math.pow(20, random.nextDouble()) * 1e5) / 1e5;
    }

    /** An integer in [0, bound), small ones more likely (sizes of real systems are skewed). */
    private int skewed(int bound) {
      return (int) Math.floor(bound * Math.pow(random.nextDouble(), 1.6));
    }

    private String unique(String name) {
      String candidate = name;
      for (int i = 2; !names.add(candidate); i++) {
        candidate = name + i;
      }
      return candidate;
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /** A service while it is drawn; {@link #spec()} freezes it. */
  private static final class Draft {
    final String name;
    final String noun;
    final String protocol;
    final String kind;
    final String dbSystem;
    final List<Op> operations = new ArrayList<>();
    int replicas = 1;
    boolean accessLog;
    ResourceSpec resources;

    Draft(String name, String noun, String protocol, String kind, String dbSystem) {
      this.name = name;
      this.noun = noun;
      this.protocol = protocol;
      this.kind = kind;
      this.dbSystem = dbSystem;
    }

    ServiceSpec spec() {
      return new ServiceSpec(
          name,
          protocol,
          kind,
          dbSystem,
          replicas,
          accessLog ? Boolean.TRUE : null,
          resources,
          operations.stream().map(Op::spec).toList());
    }
  }

  /** An operation while it is drawn: its calls grouped into sequential steps of parallel calls. */
  private static final class Op {
    final Draft service;
    final String name;
    final LatencySpec latency;
    final double errorRate;
    final List<List<CallSpec>> steps = new ArrayList<>();
    final Set<String> callees = new HashSet<>();

    Op(Draft service, String name, LatencySpec latency, double errorRate) {
      this.service = service;
      this.name = name;
      this.latency = latency;
      this.errorRate = errorRate;
    }

    /** Adds a call to {@code target} (once), in a new step or beside the last one's calls. */
    void call(Op target, Random random) {
      String ref = target.service.name + "/" + target.name;
      if (target.service == service || !callees.add(ref)) {
        return;
      }
      boolean sometimes = random.nextDouble() < 0.25;
      CallSpec call =
          sometimes
              ? new CallSpec(
                  ref,
                  Math.round((0.3 + 0.6 * random.nextDouble()) * 100) / 100.0,
                  null,
                  null,
                  random.nextBoolean() ? Boolean.TRUE : null)
              : new CallSpec(ref, null, null, null, null);
      if (steps.isEmpty() || random.nextDouble() < 0.5) {
        steps.add(new ArrayList<>());
      }
      steps.get(steps.size() - 1).add(call);
    }

    OperationSpec spec() {
      return new OperationSpec(
          name,
          latency,
          errorRate,
          null,
          null,
          steps.isEmpty() ? null : steps.stream().map(List::copyOf).toList());
    }
  }

  private static String capitalized(String noun) {
    return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
  }
}
