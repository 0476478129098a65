package io.augur.cli;

import io.augur.domain.MetricSample;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import io.augur.job.prometheus.HttpSettings;
import io.augur.job.prometheus.LabelMatcher;
import io.augur.job.prometheus.ReadQuery;
import io.augur.job.prometheus.RemoteReadClient;
import io.augur.job.prometheus.RemoteReadException;
import io.augur.job.prometheus.RemoteSeries;
import io.augur.models.ProgressListener;
import io.augur.models.inject.RawSeries;
import io.augur.training.sources.ComponentHistory;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TimeArgs;
import io.augur.training.sources.TrainingSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code augur train --source prometheus}: a time range read through Prometheus remote read ({@link
 * RemoteReadClient}, streamed XOR chunks), one query per selector and per hour of range. Components
 * are the values of {@code --component-labels} (default {@code job,instance}), as the job keys
 * them; the metrics are {@code --metrics} or every metric name read, sorted ({@code *_total} are
 * counters, as the job's {@link FeatureConfig#forMetrics} decides). Prometheus' stale markers are
 * dropped. No labels: windows are history assumed normal, for fault injection, unless chaos
 * outcomes ({@code --labels}) say otherwise.
 */
public final class PrometheusTrainingSource implements TrainingSource {
  /** Each remote-read query covers at most this much of the range. */
  static final long CHUNK_MS = 3_600_000;

  private final SourceOptions options;
  private final Clock clock;
  private final HttpSettings http;

  public PrometheusTrainingSource(SourceOptions options) {
    this(options, Clock.systemUTC(), HttpSettings.defaults());
  }

  public PrometheusTrainingSource(SourceOptions options, Clock clock, HttpSettings http) {
    this.options = options;
    this.clock = clock;
    this.http = http;
  }

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public SourceHistory read(ProgressListener progress) {
    String url = SourceOptions.required("prometheus", "--url <base URL>", options.url());
    List<String> selectors =
        SourceOptions.required("prometheus", "--match '<selector>'", options.match());
    Instant now = clock.instant();
    long start =
        TimeArgs.instant(
            "--start", SourceOptions.required("prometheus", "--start", options.start()), now);
    long end = TimeArgs.instant("--end", options.end() == null ? "now" : options.end(), now);
    if (end <= start) {
      throw new IllegalArgumentException(
          "empty range: --end "
              + Instant.ofEpochMilli(end)
              + " is not after --start "
              + Instant.ofEpochMilli(start));
    }
    List<List<LabelMatcher>> matchers = selectors.stream().map(LabelMatcher::parseSet).toList();
    RemoteReadClient client = new RemoteReadClient(url, http, true);
    Map<Map<String, String>, Builder> series = new LinkedHashMap<>();
    long chunks = (end - start + CHUNK_MS - 1) / CHUNK_MS;
    long done = 0;
    for (int s = 0; s < matchers.size(); s++) {
      for (long a = start; a < end; a += CHUNK_MS) {
        progress.onProgress("read prometheus", done++, chunks * matchers.size());
        long b = Math.min(end, a + CHUNK_MS) - 1;
        List<RemoteSeries> got;
        try {
          got = client.read(new ReadQuery(a, Math.max(a, b), matchers.get(s)));
        } catch (RemoteReadException e) {
          throw new IllegalArgumentException(
              "cannot read " + client.uri() + " for " + selectors.get(s) + ": " + e.getMessage(),
              e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading " + client.uri(), e);
        }
        for (RemoteSeries r : got) {
          series.computeIfAbsent(r.labels(), l -> new Builder()).add(r);
        }
      }
    }
    progress.onProgress("read prometheus", chunks * matchers.size(), chunks * matchers.size());
    TreeSet<String> found = new TreeSet<>();
    series.keySet().forEach(l -> found.add(l.getOrDefault("__name__", "")));
    List<String> metrics = options.metrics().isEmpty() ? List.copyOf(found) : options.metrics();
    String range = Instant.ofEpochMilli(start) + " .. " + Instant.ofEpochMilli(end);
    if (series.values().stream().allMatch(b -> b.n == 0)) {
      throw new IllegalArgumentException(
          "empty range: " + selectors + " matched no samples at " + url + " in " + range);
    }
    for (String m : options.metrics()) {
      if (!found.contains(m)) {
        throw new IllegalArgumentException(
            "--metrics: " + m + " was not read; the selectors gave " + found);
      }
    }
    FeatureConfig cfg =
        FeatureConfig.forMetrics(metrics)
            .withWindow(
                FeatureConfig.DEFAULT_WINDOW_MS / 15_000 * options.stepMs(), options.stepMs())
            .withComponentLabels(options.componentLabels());
    Map<String, List<RawSeries>> byComponent = new TreeMap<>();
    for (Map.Entry<Map<String, String>, Builder> e : series.entrySet()) {
      String metric = e.getKey().getOrDefault("__name__", "");
      if (!metrics.contains(metric) || e.getValue().n == 0) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>(e.getKey());
      labels.remove("__name__");
      RawSeries raw = e.getValue().build(metric, labels);
      if (options.componentLabels().stream().noneMatch(labels::containsKey)) {
        throw new IllegalArgumentException(
            "series "
                + raw
                + " has none of the component labels "
                + options.componentLabels()
                + "; set --component-labels");
      }
      String component =
          ComponentKeys.componentOf(
              new MetricSample(metric, labels, raw.timestampsMs()[0], raw.values()[0]), cfg);
      byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(raw);
    }
    List<ComponentHistory> out = new ArrayList<>();
    byComponent.forEach((c, s) -> out.add(new ComponentHistory(c, c, s, List.of())));
    return new SourceHistory(
        "prometheus",
        cfg,
        out,
        selectors + " at " + url + ", " + range + ", " + metrics.size() + " metric(s)",
        false);
  }

  /** One series' samples across chunks, stale markers dropped, strictly increasing. */
  private static final class Builder {
    long[] t = new long[64];
    double[] v = new double[64];
    int n;

    void add(RemoteSeries r) {
      for (int i = 0; i < r.size(); i++) {
        double x = r.valueAt(i);
        long ts = r.timestampAt(i);
        if (!Double.isFinite(x) || (n > 0 && ts <= t[n - 1])) {
          continue;
        }
        if (n == t.length) {
          t = Arrays.copyOf(t, n * 2);
          v = Arrays.copyOf(v, n * 2);
        }
        t[n] = ts;
        v[n++] = x;
      }
    }

    RawSeries build(String metric, Map<String, String> labels) {
      return new RawSeries(metric, labels, Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }
  }
}
