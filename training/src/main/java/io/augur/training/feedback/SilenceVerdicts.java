package io.augur.training.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.json.Wire;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verdicts read from Alertmanager's silences ({@code GET /api/v2/silences}, {@code
 * gettableSilences}). A silence is a verdict when it has the equality matchers {@code
 * alertname="AugurPredictedFailure"} and {@code component="<component>"} (no regex) and its comment
 * starts with {@code augur:false-positive} or {@code augur:true-positive}, followed by the end or a
 * space and an optional note. {@link Alertmanager#silenceVerdicts} ties it to the alerts it
 * silences (their {@code startsAt}), or else to the silence's own {@code startsAt}. Active and
 * expired silences count (a verdict stays given when its silence ends, and Alertmanager keeps
 * expired silences only for its retention time, so a reader polling less often would lose them);
 * pending ones (starting in the future) do not yet. Every other silence on the alert is ignored
 * with a reason.
 */
public final class SilenceVerdicts {
  public static final String ALERT_NAME = "AugurPredictedFailure";
  private static final ObjectMapper JSON = Wire.EXTERNAL;

  private SilenceVerdicts() {}

  /**
   * One verdict: silence {@code silenceId} says {@code verdict} on {@code component} at {@code
   * atMs}.
   */
  public record Found(
      String silenceId,
      String component,
      long atMs,
      Verdict verdict,
      String note,
      String createdBy) {
    /** The verdict id in the label log: {@code silence:<id>}. */
    public String verdictId() {
      return "silence:" + silenceId;
    }
  }

  /** A verdict tied to the time of the firing it is about, with the id it is logged under. */
  public record Anchored(Found found, long alertAtMs, String verdictId) {}

  /** The verdicts, and one line per ignored silence on {@value #ALERT_NAME} saying why. */
  public record Result(List<Found> verdicts, List<String> ignored) {
    public Result {
      verdicts = List.copyOf(verdicts);
      ignored = List.copyOf(ignored);
    }
  }

  /** Parses the body of {@code GET /api/v2/silences}; {@code source} names it in errors. */
  public static Result parse(String body, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(
          source
              + ": expected a JSON array of silences, got "
              + (root == null
                  ? "nothing"
                  : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    List<Found> found = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (JsonNode s : root) {
      if (!matches(s, "alertname", ALERT_NAME)) {
        continue; // not about Augur's alert: none of our business
      }
      String id = s.path("id").asText("");
      String why = reason(s);
      if (why != null) {
        ignored.add("silence " + (id.isEmpty() ? "(no id)" : id) + ": " + why);
        continue;
      }
      String comment = s.path("comment").asText("").trim();
      String word = comment.substring(Verdict.PREFIX.length()).split("\\s", 2)[0];
      String note =
          comment.length() > Verdict.PREFIX.length() + word.length()
              ? comment.substring(Verdict.PREFIX.length() + word.length()).trim()
              : "";
      found.add(
          new Found(
              id,
              equality(s, "component"),
              Instant.parse(s.path("startsAt").asText()).toEpochMilli(),
              Verdict.fromId(word),
              note,
              s.path("createdBy").asText("")));
    }
    return new Result(found, ignored);
  }

  /** Why silence {@code s} on the alert is not a verdict, or null when it is one. */
  private static String reason(JsonNode s) {
    if (s.path("id").asText("").isEmpty()) {
      return "no id";
    }
    String comment = s.path("comment").asText("").trim();
    if (!comment.startsWith(Verdict.PREFIX)) {
      return "comment does not start with " + prefixes() + ": \"" + abbreviate(comment) + "\"";
    }
    String word = comment.substring(Verdict.PREFIX.length()).split("\\s", 2)[0];
    if (!Verdict.ids().contains(word)) {
      return "comment must start with " + prefixes() + ", got \"" + abbreviate(comment) + "\"";
    }
    String state = s.path("status").path("state").asText("");
    if (state.equals("pending")) {
      return "pending (starts " + s.path("startsAt").asText() + "): read once it is active";
    }
    if (!state.equals("active") && !state.equals("expired")) {
      return "status.state must be active, expired or pending, got \"" + state + "\"";
    }
    if (equality(s, "component") == null) {
      return "no equality matcher component=\"...\" (a verdict is on one component)";
    }
    try {
      Instant.parse(s.path("startsAt").asText());
    } catch (DateTimeParseException e) {
      return "startsAt is not a time: \"" + s.path("startsAt").asText() + "\"";
    }
    return null;
  }

  private static String prefixes() {
    return Verdict.ids().stream().map(v -> Verdict.PREFIX + v).toList().toString();
  }

  private static boolean matches(JsonNode s, String name, String value) {
    return value.equals(equality(s, name));
  }

  /** The value of the non-regex equality matcher on {@code name}, or null. */
  private static String equality(JsonNode s, String name) {
    for (JsonNode m : s.path("matchers")) {
      if (name.equals(m.path("name").asText())
          && !m.path("isRegex").asBoolean(false)
          && m.path("isEqual").asBoolean(true)) {
        return m.path("value").asText();
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
