package io.augur.training.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.json.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The two reads feedback needs from Alertmanager's v2 API: silences and alerts. */
public final class Alertmanager {
  private static final ObjectMapper JSON = Wire.EXTERNAL;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Alertmanager(String url) {
    if (url == null || !url.matches("https?://.+")) {
      throw new IllegalArgumentException("--alertmanager must be an http(s) URL, got " + url);
    }
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
  }

  /**
   * An alert as {@code GET /api/v2/alerts} lists it: fingerprint, component label, alertname,
   * startsAt.
   */
  public record Alert(
      String fingerprint,
      String alertName,
      String component,
      long startsAtMs,
      List<String> silencedBy) {}

  /**
   * The verdict silences, each tied to the alerts it silences: a silence on a component's alert is
   * a verdict on that firing, so the labelled window is anchored at the alert's {@code startsAt}
   * (one verdict per silenced alert, id {@code silence:<id>/alert:<fingerprint>@<startsAt>}); when
   * Alertmanager lists no alert silenced by it (the alert is gone, or the silence expired), at the
   * silence's own {@code startsAt} (id {@code silence:<id>}).
   */
  public List<SilenceVerdicts.Anchored> silenceVerdicts(List<String> ignored) {
    String url = base.resolve("api/v2/silences").toString();
    SilenceVerdicts.Result r = SilenceVerdicts.parse(get(url), url);
    ignored.addAll(r.ignored());
    List<Alert> alerts = r.verdicts().isEmpty() ? List.of() : alerts();
    List<SilenceVerdicts.Anchored> out = new ArrayList<>();
    for (SilenceVerdicts.Found f : r.verdicts()) {
      List<Alert> muted =
          alerts.stream()
              .filter(
                  a ->
                      a.silencedBy().contains(f.silenceId())
                          && a.alertName().equals(SilenceVerdicts.ALERT_NAME)
                          && a.component().equals(f.component()))
              .toList();
      if (muted.isEmpty()) {
        out.add(new SilenceVerdicts.Anchored(f, f.atMs(), f.verdictId()));
      }
      for (Alert a : muted) {
        out.add(
            new SilenceVerdicts.Anchored(
                f,
                a.startsAtMs(),
                f.verdictId() + "/alert:" + a.fingerprint() + "@" + a.startsAtMs()));
      }
    }
    return out;
  }

  public List<Alert> alerts() {
    String url = base.resolve("api/v2/alerts").toString();
    JsonNode root;
    try {
      root = JSON.readTree(get(url));
    } catch (IOException e) {
      throw new IllegalArgumentException(url + ": not JSON: " + e.getMessage());
    }
    List<Alert> out = new ArrayList<>();
    for (JsonNode a : root) {
      JsonNode labels = a.path("labels");
      List<String> silencedBy = new ArrayList<>();
      a.path("status").path("silencedBy").forEach(n -> silencedBy.add(n.asText()));
      out.add(
          new Alert(
              a.path("fingerprint").asText(),
              labels.path("alertname").asText(),
              labels.path("component").asText(""),
              Instant.parse(a.path("startsAt").asText()).toEpochMilli(),
              List.copyOf(silencedBy)));
    }
    return out;
  }

  private String get(String url) {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach Alertmanager at " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + url, e);
    }
    if (r.statusCode() != 200) {
      throw new IllegalArgumentException(
          url + " answered HTTP " + r.statusCode() + ": " + r.body().strip());
    }
    return r.body();
  }
}
