package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An HTTP GET that holds when the answer has {@code status} and, if given, a body containing {@code
 * bodyContains}. No answer within {@code timeout} does not hold.
 */
public record HttpCheck(URI url, int status, String bodyContains, Duration timeout)
    implements Check {
  public HttpCheck {
    Checks.nonNull("url", url);
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url must be http:// or https://, got \"" + url + "\"");
    }
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status 100-599, got " + status);
    }
    Checks.nonNull("timeout", timeout);
    if (timeout.toMillis() <= 0) {
      throw new IllegalArgumentException("timeout must be at least 1ms, got " + timeout);
    }
    bodyContains = bodyContains == null || bodyContains.isEmpty() ? null : bodyContains;
  }

  @Override
  public String describe() {
    return "GET "
        + url
        + " -> "
        + status
        + (bodyContains == null ? "" : ", body contains \"" + bodyContains + "\"");
  }

  @Override
  public Observation evaluate(CheckContext context) throws InterruptedException {
    HttpResponse<String> r;
    try {
      r =
          context
              .http()
              .send(
                  HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Observation.notHeld(
          "no answer: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    String body = r.body() == null ? "" : r.body();
    String seen = "HTTP " + r.statusCode() + " " + abbreviate(body);
    boolean ok = r.statusCode() == status && (bodyContains == null || body.contains(bodyContains));
    return new Observation(ok, seen);
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 80 ? "\"" + one + "\"" : "\"" + one.substring(0, 77) + "...\"";
  }
}
