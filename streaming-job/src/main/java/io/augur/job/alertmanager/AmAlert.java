package io.augur.job.alertmanager;

import io.augur.domain.FailureAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's v2 API takes it ({@code PostableAlert}): identifying labels,
 * annotations, {@code startsAt}, {@code endsAt} (null while firing: the sender sets a validity
 * horizon on each send), {@code generatorURL}.
 */
public record AmAlert(
    Map<String, String> labels,
    Map<String, String> annotations,
    long startsAtMs,
    Long endsAtMs,
    String generatorUrl) {
  public AmAlert {
    if (labels == null || !labels.containsKey("alertname")) {
      throw new IllegalArgumentException("labels must contain alertname, got " + labels);
    }
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations =
        java.util.Collections.unmodifiableSortedMap(
            new TreeMap<>(annotations == null ? Map.of() : annotations));
    if (startsAtMs < 0 || (endsAtMs != null && endsAtMs < startsAtMs)) {
      throw new IllegalArgumentException(
          "need 0 <= startsAtMs <= endsAtMs, got " + startsAtMs + ", " + endsAtMs);
    }
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  /**
   * Maps a {@link FailureAlert}: its labels (the component's, plus {@code alertname} and {@code
   * severity} lower-case), its annotations (summary, description, probability, predicted failure
   * time, recommended actions, top features), and a generator URL {@code base?component=...}.
   */
  public static AmAlert of(FailureAlert a, String generatorBase) {
    Map<String, String> labels = new TreeMap<>(a.labels());
    labels.putIfAbsent("alertname", a.alertName());
    labels.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
    labels.putIfAbsent("component", a.component());
    Map<String, String> ann = new TreeMap<>(a.annotations());
    ann.putIfAbsent("summary", "Predicted failure of " + a.component());
    ann.putIfAbsent(
        "probability", String.format(Locale.ROOT, "%.4f", a.prediction().probability()));
    if (a.prediction().predictedFailureTimeMs() != null) {
      ann.putIfAbsent(
          "predicted_failure_time",
          java.time.Instant.ofEpochMilli(a.prediction().predictedFailureTimeMs()).toString());
    }
    String url =
        generatorBase == null || generatorBase.isEmpty()
            ? ""
            : generatorBase
                + (generatorBase.contains("?") ? "&" : "?")
                + "component="
                + URLEncoder.encode(a.component(), StandardCharsets.UTF_8);
    return new AmAlert(labels, ann, a.startsAtMs(), a.endsAtMs(), url);
  }

  public AmAlert withEndsAt(Long ends) {
    return new AmAlert(labels, annotations, startsAtMs, ends, generatorUrl);
  }
}
