package io.augur.fleet;

import io.augur.domain.MetricSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated fleet of services scraped every {@code stepMs}, with labelled failures injected.
 *
 * <p>Every value is a pure function of (seed, service, metric, step): {@link #step(long)} can be
 * called for any step in any order, from any thread, and returns the same samples. That makes the
 * fleet a reproducible fixture for tests, a parallel Flink source for the demo, and labelled
 * history for training. Failures draw from a separate random stream, so a quiet fleet with the same
 * seed has exactly the same background noise as a failing one.
 *
 * <p>Each service exports ten metrics (see {@link FleetMetric}); counters reset when a service
 * restarts after a failure, and a failed service exports nothing while it is down.
 */
public final class DemoFleet {

  private static final String[] NAMES = {
    "checkout", "payments", "cart", "catalog", "search", "auth", "orders", "shipping", "inventory",
        "pricing",
    "reviews", "recommend", "gateway", "profile", "notify", "billing", "ledger", "media", "session",
        "quotes"
  };

  private final FleetConfig config;
  private final List<Service> services;
  private final List<InjectedFailure> failures;

  public DemoFleet(FleetConfig config) {
    this.config = config;
    this.services = new ArrayList<>();
    SplittableRandom base = new SplittableRandom(config.seed());
    for (int i = 0; i < config.services(); i++) {
      services.add(Service.random(i, serviceName(i), base.split()));
    }
    this.failures = config.failures() == 0 ? List.of() : FailureSchedule.draw(config, services);
  }

  public static String serviceName(int i) {
    String name = NAMES[i % NAMES.length];
    return i < NAMES.length ? name : name + "-" + (i / NAMES.length);
  }

  public FleetConfig config() {
    return config;
  }

  public List<InjectedFailure> failures() {
    return Collections.unmodifiableList(failures);
  }

  public long steps() {
    return config.steps();
  }

  public long timeOf(long step) {
    return config.startMs() + step * config.stepMs();
  }

  public long endMs() {
    return timeOf(config.steps());
  }

  /** The component id of service {@code i}: its {@code job} and {@code instance} label values. */
  public String component(int i) {
    return services.get(i).component();
  }

  public List<String> components() {
    return services.stream().map(Service::component).toList();
  }

  /** The labels a service's series carry. */
  public Map<String, String> labels(int i) {
    return services.get(i).labels;
  }

  /** All samples of one scrape step, service by service; a service that is down exports nothing. */
  public List<MetricSample> step(long step) {
    if (step < 0 || step >= config.steps()) {
      throw new IllegalArgumentException(
          "step must be within [0, " + config.steps() + "), got " + step);
    }
    long t = timeOf(step);
    List<MetricSample> out = new ArrayList<>(services.size() * FleetMetric.values().length);
    for (Service s : services) {
      InjectedFailure active = null;
      long restartMs = -1;
      boolean down = false;
      for (InjectedFailure f : failures) {
        if (!f.component().equals(s.component())) {
          continue;
        }
        if (t > f.failureMs() && t < f.recoveredMs()) {
          down = true;
        }
        if (t >= f.recoveredMs()) {
          restartMs = Math.max(restartMs, f.recoveredMs());
        }
        if (t >= f.onsetMs() && t <= f.failureMs()) {
          active = f;
        }
      }
      if (down) {
        continue;
      }
      for (FleetMetric m : FleetMetric.values()) {
        double v = s.value(m, t, step, restartMs, active, config);
        out.add(new MetricSample(m.metricName(), s.labels, t, v));
      }
    }
    return out;
  }

  /** The injected failure of {@code component} whose warning window holds {@code t}, if any. */
  public InjectedFailure failureAt(String component, long t) {
    for (InjectedFailure f : failures) {
      if (f.component().equals(component) && f.inIncident(t)) {
        return f;
      }
    }
    return null;
  }

  /** A per-service baseline, drawn once from the fleet's seed. */
  static final class Service {
    final int index;
    final String name;
    final Map<String, String> labels;
    final double cpu;
    final double memBytes;
    final double disk;
    final double latency;
    final double rps;
    final double pool;
    final double fds;
    final double counterOffset;
    final double phase;
    final long noiseSeed;

    private Service(int index, String name, SplittableRandom r) {
      this.index = index;
      this.name = name;
      Map<String, String> l = new LinkedHashMap<>();
      l.put("job", name);
      l.put("instance", name + "-0:8080");
      l.put("namespace", "demo");
      l.put("pod", name + "-0");
      this.labels = Collections.unmodifiableMap(l);
      this.cpu = 0.15 + 0.2 * r.nextDouble();
      this.memBytes = (300 + 400 * r.nextDouble()) * 1024 * 1024;
      this.disk = 0.30 + 0.25 * r.nextDouble();
      this.latency = 0.08 + 0.17 * r.nextDouble();
      this.rps = 40 + 160 * r.nextDouble();
      this.pool = 5 + 10 * r.nextDouble();
      this.fds = 150 + 250 * r.nextDouble();
      this.counterOffset = 1e4 + 1e6 * r.nextDouble();
      this.phase = 2 * Math.PI * r.nextDouble();
      this.noiseSeed = r.nextLong();
    }

    static Service random(int index, String name, SplittableRandom r) {
      return new Service(index, name, r);
    }

    String component() {
      return labels.get("job") + "/" + labels.get("instance");
    }

    double value(
        FleetMetric m, long t, long step, long restartMs, InjectedFailure f, FleetConfig c) {
      SplittableRandom noise = new SplittableRandom(mix(noiseSeed, m.ordinal(), step));
      double g = noise.nextGaussian();
      double season = Math.sin(2 * Math.PI * t / 86_400_000.0 + phase);
      double p = f == null ? 0.0 : f.progress(t);
      FailureMode mode = f == null ? null : f.mode();
      boolean spike =
          c.benignSpikes() && noise.nextDouble() < 1.0 / 720; // about one step in three hours
      return switch (m) {
        case CPU -> {
          double v = cpu * (1 + 0.2 * season) + 0.02 * g + (spike ? 0.35 : 0);
          if (mode == FailureMode.CPU_SATURATION) {
            v += Math.pow(p, 1.5) * (0.99 - v);
          }
          yield clamp(v, 0.001, 1.0);
        }
        case MEMORY -> {
          double v = memBytes * (1 + 0.03 * g);
          if (mode == FailureMode.MEMORY_LEAK) {
            v += p * (FleetMetric.MEMORY_LIMIT_BYTES * 0.99 - memBytes);
          }
          yield Math.min(v, FleetMetric.MEMORY_LIMIT_BYTES);
        }
        case DISK -> {
          double v = disk + 0.002 * g;
          if (mode == FailureMode.DISK_FILL) {
            v += p * (0.995 - disk);
          }
          yield clamp(v, 0.0, 1.0);
        }
        case LATENCY_P99 -> {
          double v = latency * (1 + 0.1 * season) * Math.exp(0.08 * g) * (spike ? 2.5 : 1.0);
          if (mode == FailureMode.LATENCY_CREEP) {
            v *= Math.exp(3.0 * p);
          } else if (mode == FailureMode.CPU_SATURATION) {
            v *= 1 + 4 * p * p;
          } else if (mode == FailureMode.CONNECTION_POOL_EXHAUSTION) {
            v *= 1 + 2 * p;
          }
          yield v;
        }
        case REQUESTS_TOTAL -> counter(t, restartMs, c, rps, 0.0, null, noise);
        case ERRORS_TOTAL ->
            counter(
                t,
                restartMs,
                c,
                rps * 0.005,
                rps,
                mode == FailureMode.ERROR_RATE_BURST ? f : null,
                noise);
        case POOL_ACTIVE -> {
          double v = pool * (1 + 0.15 * season) + 1.0 * g;
          if (mode == FailureMode.CONNECTION_POOL_EXHAUSTION) {
            v += p * (FleetMetric.POOL_MAX - v);
          }
          yield Math.rint(clamp(v, 0, FleetMetric.POOL_MAX));
        }
        case POOL_PENDING -> {
          double v = Math.max(0, 0.3 * g);
          if (mode == FailureMode.CONNECTION_POOL_EXHAUSTION && p > 0.5) {
            v += (p - 0.5) * 120;
          }
          yield Math.rint(v);
        }
        case GC_PAUSE_RATIO -> {
          double v = 0.01 + 0.003 * g;
          if (mode == FailureMode.MEMORY_LEAK) {
            v += 0.3 * p * p * p;
          }
          yield clamp(v, 0, 1);
        }
        case OPEN_FDS -> {
          double v = fds + 5 * g;
          if (mode == FailureMode.CONNECTION_POOL_EXHAUSTION) {
            v += p * 60;
          }
          yield Math.rint(v);
        }
      };
    }

    /**
     * A monotone counter since the last restart: the closed-form integral of its rate, plus a
     * non-negative jitter smaller than one step's increment so it never decreases.
     */
    private double counter(
        long t,
        long restartMs,
        FleetConfig c,
        double rate,
        double burstBase,
        InjectedFailure burst,
        SplittableRandom noise) {
      boolean fresh = restartMs >= 0;
      long from = fresh ? restartMs : c.startMs();
      double secs = (t - from) / 1000.0;
      double w = 2 * Math.PI / 86_400.0;
      double integral =
          rate * secs
              - rate
                  * 0.2
                  / w
                  * (Math.cos(w * t / 1000.0 + phase) - Math.cos(w * from / 1000.0 + phase));
      if (burst != null && t > burst.onsetMs()) {
        double ramp = (burst.failureMs() - burst.onsetMs()) / 1000.0;
        double s = (Math.min(t, burst.failureMs()) - burst.onsetMs()) / 1000.0;
        integral += burstBase * 0.06 * s * s / (2 * ramp); // error ratio creeping to +6 %
        double burstStart = burst.onsetMs() + 0.85 * (burst.failureMs() - burst.onsetMs());
        if (t > burstStart) {
          integral += burstBase * 0.3 * (Math.min(t, burst.failureMs()) - burstStart) / 1000.0;
        }
      }
      double jitter = noise.nextDouble() * rate * c.stepMs() / 1000.0 * 0.5;
      return Math.floor((fresh ? 0 : counterOffset) + integral + jitter);
    }

    private static double clamp(double v, double lo, double hi) {
      return Math.max(lo, Math.min(hi, v));
    }
  }

  static long mix(long seed, long a, long b) {
    long h = seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
