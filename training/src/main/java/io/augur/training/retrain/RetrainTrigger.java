package io.augur.training.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * When {@code augur retrain --watch} starts a round: on a schedule ({@code every}: that long since
 * the last round), when enough new records reached the label log ({@code minNewOutcomes}:
 * experiment outcomes and operator verdicts since the last round), or either, whichever comes
 * first. The first round runs at once. The last round's time and record count are kept in {@code
 * <watch dir>/.retrain/state.json}, so a restarted watcher does not retrain at once.
 *
 * @param every null: no schedule
 * @param minNewOutcomes 0: not triggered by outcomes
 */
public record RetrainTrigger(Duration every, int minNewOutcomes) {

  public RetrainTrigger {
    if (every != null && (every.isNegative() || every.isZero())) {
      throw new IllegalArgumentException("--every must be positive, got " + every);
    }
    if (minNewOutcomes < 0) {
      throw new IllegalArgumentException("--min-new-outcomes must be >= 0, got " + minNewOutcomes);
    }
    if (every == null && minNewOutcomes == 0) {
      throw new IllegalArgumentException(
          "--watch needs --every DURATION and/or --min-new-outcomes N (when to retrain)");
    }
  }

  /** The last round: when, and how many label-log records it had seen. */
  public record State(long lastRoundMs, int recordsSeen) {
    public static final State NEVER = new State(-1, 0);

    public static State read(Path file) {
      if (!Files.exists(file)) {
        return NEVER;
      }
      try {
        JsonNode n = RetrainRound.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (!n.path("last_round_ms").canConvertToLong() || !n.path("records_seen").isInt()) {
          throw new IllegalArgumentException("missing last_round_ms or records_seen");
        }
        return new State(n.get("last_round_ms").asLong(), n.get("records_seen").asInt());
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "retrain state "
                + file
                + " is unreadable ("
                + e.getMessage()
                + "); delete it to start over",
            e);
      }
    }

    /** Writes to a temp file beside {@code file}, then renames over it. */
    public void write(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "state-", ".tmp");
      Files.writeString(
          tmp,
          "{\"last_round_ms\":" + lastRoundMs + ",\"records_seen\":" + recordsSeen + "}\n",
          StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Why a round is due now, or empty. */
  public Optional<String> due(long nowMs, State last, int recordsNow) {
    if (last.lastRoundMs() < 0) {
      return Optional.of("first round");
    }
    int fresh = recordsNow - last.recordsSeen();
    if (fresh < 0) {
      fresh = recordsNow; // the log was replaced or truncated: count it afresh
    }
    if (minNewOutcomes > 0 && fresh >= minNewOutcomes) {
      return Optional.of(fresh + " new outcome(s)/verdict(s) (>= " + minNewOutcomes + ")");
    }
    if (every != null && nowMs - last.lastRoundMs() >= every.toMillis()) {
      return Optional.of(
          "schedule: "
              + Duration.ofMillis(nowMs - last.lastRoundMs())
              + " since the last round (every "
              + every
              + ")");
    }
    return Optional.empty();
  }
}
