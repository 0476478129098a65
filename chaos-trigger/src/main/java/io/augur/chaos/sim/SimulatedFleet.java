package io.augur.chaos.sim;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded fleet of services: each runs 2-6 pods, calls up to two services generated before it, and
 * hides, for every fault type of the catalogue, the probability that the fault breaches its SLO
 * (its fragility). About one pair in six is a weakness (0.5-0.95), the rest are robust (0-0.1). The
 * fragilities are ground truth for scoring a loop ({@link #fragility}, {@link #weaknesses}); no
 * planner input carries them.
 *
 * <p>Observable effect, through {@link #metrics()}: a service's error ratio is 0.002 at rest, 0.012
 * under a fault it withstands and 0.25 under one that breaches it; each service calling a breached
 * one gets 0.02 more (felt, within its SLO). p99 latency is 0.12 s at rest, 0.3 s and 1.5 s under
 * the same faults (+0.05 s for callers). The SLO burn rate is the error ratio over a 1 % error
 * budget, and alerts firing count the services above 0.05 errors. The system-wide queries of {@link
 * HealthQuery#defaults()} and {@link AbortCondition#defaults()} are answered with the worst service
 * (what a per-service SLO sees); {@code augur_sim_error_ratio{service="x"}} and {@code
 * augur_sim_latency_p99_seconds{service="x"}} read one service. Any other query fails (health
 * unknown: fail closed).
 */
public final class SimulatedFleet {
  static final double REST_ERRORS = 0.002;
  static final double WITHSTOOD_ERRORS = 0.012;
  static final double BREACH_ERRORS = 0.25;
  static final double CALLER_ERRORS = 0.02;
  static final double ERROR_BUDGET = 0.01;
  static final double BREACHED_ABOVE = 0.05;
  private static final Pattern PER_SERVICE =
      Pattern.compile("augur_sim_(error_ratio|latency_p99_seconds)\\{service=\"([^\"]+)\"\\}");
  private static final String[] NAMES = {
    "checkout",
    "payments",
    "cart",
    "search",
    "auth",
    "orders",
    "ledger",
    "media",
    "quotes",
    "notify",
    "gateway",
    "catalog",
    "pricing",
    "inventory",
    "shipping",
    "reviews",
    "profile",
    "sessions",
    "billing",
    "ads"
  };

  /** One service as the cluster shows it: name, pods and the services it calls. */
  public record Service(String name, int replicas, List<String> calls) {
    public Service {
      Checks.nonBlank("name", name);
      calls = List.copyOf(calls);
    }
  }

  private record Active(String service, String type, boolean breach) {}

  private final long seed;
  private final String namespace;
  private final List<Service> services;
  private final Map<String, Map<String, Double>> fragility;
  private final SplittableRandom outcomes;
  private final Map<String, Active> active = new ConcurrentHashMap<>();

  private SimulatedFleet(
      long seed,
      String namespace,
      List<Service> services,
      Map<String, Map<String, Double>> fragility) {
    this.seed = seed;
    this.namespace = namespace;
    this.services = List.copyOf(services);
    this.fragility = fragility;
    this.outcomes = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
  }

  /** {@code count} services (1-20) in {@code namespace}, all drawn from {@code seed}. */
  public static SimulatedFleet generate(long seed, int count, String namespace) {
    if (count < 1 || count > NAMES.length) {
      throw new IllegalArgumentException(
          "count must be within [1, " + NAMES.length + "], got " + count);
    }
    return draw(seed, List.of(NAMES).subList(0, count), namespace);
  }

  /**
   * A fleet over services that exist elsewhere (the demo fleet's, say): the services named {@code
   * names}, in that order, in {@code namespace}, with their pods, calls and hidden fragilities
   * drawn from {@code seed} exactly as {@link #generate} draws them (the same seed over the same
   * names is the same fleet, and {@code generate(seed, n, ns)} is {@code over(seed, its first n
   * names, ns)}). Any number of services; names must be distinct and not blank.
   */
  public static SimulatedFleet over(long seed, List<String> names, String namespace) {
    Checks.nonNull("names", names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("names must hold at least one service");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("names[" + i + "] is blank");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("names[" + i + "] repeats service " + n);
      }
    }
    return draw(seed, List.copyOf(names), namespace);
  }

  private static SimulatedFleet draw(long seed, List<String> names, String namespace) {
    Checks.nonBlank("namespace", namespace);
    SplittableRandom r = new SplittableRandom(seed);
    List<Service> services = new ArrayList<>();
    Map<String, Map<String, Double>> fragility = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      List<String> calls = new ArrayList<>();
      int n = i == 0 ? 0 : r.nextInt(Math.min(2, i) + 1);
      while (calls.size() < n) {
        String callee = names.get(r.nextInt(i));
        if (!calls.contains(callee)) {
          calls.add(callee);
        }
      }
      services.add(new Service(names.get(i), 2 + r.nextInt(5), calls));
      Map<String, Double> f = new LinkedHashMap<>();
      for (ExperimentType t : ExperimentType.values()) {
        f.put(
            t.id(), r.nextDouble() < 1.0 / 6 ? 0.5 + 0.45 * r.nextDouble() : 0.1 * r.nextDouble());
      }
      fragility.put(names.get(i), Collections.unmodifiableMap(f));
    }
    return new SimulatedFleet(seed, namespace, services, Collections.unmodifiableMap(fragility));
  }

  public long seed() {
    return seed;
  }

  public String namespace() {
    return namespace;
  }

  public List<Service> services() {
    return services;
  }

  public Service service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  public int totalPods() {
    return services.stream().mapToInt(Service::replicas).sum();
  }

  /**
   * Ground truth, for scoring only: the chance that {@code faultType} breaches {@code service}'s
   * SLO.
   */
  public double fragility(String service, String faultType) {
    Map<String, Double> f = fragility.get(service);
    if (f == null || !f.containsKey(faultType)) {
      throw new IllegalArgumentException(
          "no fragility for service " + service + " and fault " + faultType);
    }
    return f.get(faultType);
  }

  /**
   * Ground truth, for scoring only: the (service, fault type) pairs breached at least {@code
   * minProbability} of the time.
   */
  public List<Map.Entry<String, String>> weaknesses(double minProbability) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    fragility.forEach(
        (s, f) ->
            f.forEach(
                (t, p) -> {
                  if (p >= minProbability) {
                    out.add(Map.entry(s, t));
                  }
                }));
    return out;
  }

  /**
   * Starts a fault on {@code service}; whether it breaches is drawn now from its hidden fragility.
   */
  synchronized boolean activate(String faultId, String service, String faultType) {
    boolean breach = outcomes.nextDouble() < fragility(service, faultType);
    active.put(faultId, new Active(service, faultType, breach));
    return breach;
  }

  void deactivate(String faultId) {
    active.remove(faultId);
  }

  boolean isActive(String faultId) {
    return active.containsKey(faultId);
  }

  /** How many faults are in effect now. */
  public int activeFaults() {
    return active.size();
  }

  public double errorRatio(String service) {
    return effect(service, REST_ERRORS, WITHSTOOD_ERRORS, BREACH_ERRORS, CALLER_ERRORS);
  }

  public double latencyP99(String service) {
    return effect(service, 0.12, 0.3, 1.5, 0.05);
  }

  private double effect(
      String service, double rest, double withstood, double breached, double caller) {
    Service svc = service(service);
    if (svc == null) {
      throw new MetricsUnavailableException("no service " + service + " in the simulated fleet");
    }
    double v = rest;
    for (Active a : active.values()) {
      if (a.service().equals(service)) {
        v = Math.max(v, a.breach() ? breached : withstood);
      }
    }
    for (Active a : active.values()) {
      if (a.breach() && svc.calls().contains(a.service())) {
        v += caller;
      }
    }
    return v;
  }

  private double worst(java.util.function.ToDoubleFunction<String> f) {
    return services.stream().mapToDouble(s -> f.applyAsDouble(s.name())).max().orElse(0);
  }

  /** The fleet's metrics, as Prometheus would answer them (see the class comment). */
  public MetricsSource metrics() {
    Map<String, java.util.function.DoubleSupplier> known = new LinkedHashMap<>();
    for (HealthQuery q : HealthQuery.defaults()) {
      known.put(
          q.promql(),
          switch (q.name()) {
            case "error-ratio" -> () -> worst(this::errorRatio);
            case "slo-burn-rate" -> () -> worst(this::errorRatio) / ERROR_BUDGET;
            default ->
                () -> services.stream().filter(s -> errorRatio(s.name()) > BREACHED_ABOVE).count();
          });
    }
    for (AbortCondition c : AbortCondition.defaults()) {
      known.put(
          c.promql(),
          switch (c.name()) {
            case "error-ratio" -> () -> worst(this::errorRatio);
            case "slo-burn-rate" -> () -> worst(this::errorRatio) / ERROR_BUDGET;
            default -> () -> worst(this::latencyP99);
          });
    }
    return promql -> {
      java.util.function.DoubleSupplier f = known.get(promql);
      if (f != null) {
        return OptionalDouble.of(f.getAsDouble());
      }
      Matcher m = PER_SERVICE.matcher(promql.trim());
      if (m.matches()) {
        return OptionalDouble.of(
            m.group(1).equals("error_ratio") ? errorRatio(m.group(2)) : latencyP99(m.group(2)));
      }
      throw new MetricsUnavailableException("the simulated fleet has no metric for " + promql);
    };
  }
}
