package io.augur.chaos.approval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.augur.chaos.experiment.PlannedExperiment;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The queue's file format: YAML with a {@code kind}, a {@code version}, the queue's own fields
 * (times as ISO-8601) and the plan in full under {@code planned}. The plan is Jackson's rendering
 * of the {@link PlannedExperiment} records; {@link #planToNode} and {@link #nodeToPlan} are the
 * only two places that know it, so a shared plan-file codec can replace them.
 */
public final class PendingPlanCodec {
  static final String PENDING_KIND = "augur-pending-plan";
  static final String APPROVAL_KIND = "augur-approval";
  static final int VERSION = 1;
  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private PendingPlanCodec() {}

  private record PendingFile(
      String kind,
      int version,
      String planId,
      String submittedAt,
      List<String> reasons,
      JsonNode planned) {}

  private record ApprovalFile(
      String kind,
      int version,
      String planId,
      String approver,
      String approvedAt,
      String expiresAt,
      List<String> reasons,
      JsonNode planned) {}

  public static byte[] write(PendingPlan p) {
    return bytes(
        new PendingFile(
            PENDING_KIND,
            VERSION,
            p.planId(),
            p.submittedAt().toString(),
            p.reasons(),
            planToNode(p.planned())),
        p.planId());
  }

  public static byte[] write(Approval a) {
    return bytes(
        new ApprovalFile(
            APPROVAL_KIND,
            VERSION,
            a.planId(),
            a.approver(),
            a.approvedAt().toString(),
            a.expiresAt().toString(),
            a.reasons(),
            planToNode(a.planned())),
        a.planId());
  }

  /**
   * @param where the file, for messages
   */
  public static PendingPlan readPending(byte[] yaml, String where) {
    PendingFile f = parse(yaml, PendingFile.class, where);
    check(f.kind(), f.version(), PENDING_KIND, where);
    PlannedExperiment planned = nodeToPlan(f.planned(), where);
    sameId(f.planId(), planned, where);
    return new PendingPlan(
        planned, instant(f.submittedAt(), "submittedAt", where), orEmpty(f.reasons()));
  }

  public static Approval readApproval(byte[] yaml, String where) {
    ApprovalFile f = parse(yaml, ApprovalFile.class, where);
    check(f.kind(), f.version(), APPROVAL_KIND, where);
    PlannedExperiment planned = nodeToPlan(f.planned(), where);
    sameId(f.planId(), planned, where);
    try {
      return new Approval(
          planned,
          f.approver(),
          instant(f.approvedAt(), "approvedAt", where),
          instant(f.expiresAt(), "expiresAt", where),
          orEmpty(f.reasons()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  static JsonNode planToNode(PlannedExperiment planned) {
    return YAML.valueToTree(planned);
  }

  static PlannedExperiment nodeToPlan(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": planned must be a map (the plan in full)");
    }
    try {
      return YAML.treeToValue(node, PlannedExperiment.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": planned is not a valid plan: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(Object file, String planId) {
    try {
      return YAML.writeValueAsBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise queue entry of plan " + planId, e);
    }
  }

  private static <T> T parse(byte[] yaml, Class<T> type, String where) {
    try {
      T t = YAML.readValue(yaml, type);
      if (t == null) {
        throw new IllegalArgumentException(where + " is empty");
      }
      return t;
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not a queue entry: " + e.getMessage(), e);
    }
  }

  private static void check(String kind, int version, String expected, String where) {
    if (!expected.equals(kind) || version != VERSION) {
      throw new IllegalArgumentException(
          where
              + " must be kind "
              + expected
              + " version "
              + VERSION
              + ", got kind "
              + kind
              + " version "
              + version);
    }
  }

  private static void sameId(String planId, PlannedExperiment planned, String where) {
    if (!planned.plan().id().equals(planId)) {
      throw new IllegalArgumentException(
          where + ": planId " + planId + " differs from the plan's id " + planned.plan().id());
    }
  }

  private static Instant instant(String s, String field, String where) {
    try {
      return Instant.parse(s == null ? "" : s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": " + field + " must be an ISO-8601 instant, got \"" + s + "\"", e);
    }
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
