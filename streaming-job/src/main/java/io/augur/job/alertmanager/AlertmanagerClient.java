package io.augur.job.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.job.prometheus.HttpClients;
import io.augur.job.prometheus.HttpSettings;
import io.augur.json.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Posts alerts to one Alertmanager's {@code /api/v2/alerts} (one attempt; the dispatcher owns
 * retries). Throws {@link IOException} naming the endpoint and status on anything but 200.
 */
public final class AlertmanagerClient {
  private static final ObjectMapper JSON = Wire.EXTERNAL;

  private final URI alertsUri;
  private final HttpSettings settings;
  private final HttpClient http;

  /**
   * @param baseUrl e.g. {@code http://alertmanager:9093} (a path prefix is kept)
   */
  public AlertmanagerClient(String baseUrl, HttpSettings settings) {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got \"" + baseUrl + "\"");
    }
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.alertsUri = URI.create(b.endsWith("/api/v2/alerts") ? b : b + "/api/v2/alerts");
    this.settings = settings;
    this.http = HttpClients.create(settings);
  }

  public URI uri() {
    return alertsUri;
  }

  /** The JSON body: an array of PostableAlert. */
  public static String toJson(List<AmAlert> alerts) {
    ArrayNode arr = JSON.createArrayNode();
    for (AmAlert a : alerts) {
      ObjectNode o = arr.addObject();
      ObjectNode l = o.putObject("labels");
      for (Map.Entry<String, String> e : a.labels().entrySet()) {
        l.put(e.getKey(), e.getValue());
      }
      ObjectNode an = o.putObject("annotations");
      for (Map.Entry<String, String> e : a.annotations().entrySet()) {
        an.put(e.getKey(), e.getValue());
      }
      o.put("startsAt", Instant.ofEpochMilli(a.startsAtMs()).toString());
      if (a.endsAtMs() != null) {
        o.put("endsAt", Instant.ofEpochMilli(a.endsAtMs()).toString());
      }
      if (!a.generatorUrl().isEmpty()) {
        o.put("generatorURL", a.generatorUrl());
      }
    }
    return arr.toString();
  }

  public void post(List<AmAlert> alerts) throws IOException, InterruptedException {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(alertsUri)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "augur-alertmanager-sink/0.1")
            .POST(HttpRequest.BodyPublishers.ofString(toJson(alerts)));
    String auth = settings.authorization();
    if (auth != null) {
      rb.header("Authorization", auth);
    }
    HttpResponse<String> r;
    try {
      r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException(
          alertsUri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
    if (r.statusCode() != 200) {
      String body = r.body() == null ? "" : r.body();
      throw new IOException(
          alertsUri
              + ": HTTP "
              + r.statusCode()
              + " "
              + body.substring(0, Math.min(300, body.length())).trim());
    }
  }
}
