package io.augur.training.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.LabelledWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceVerdictsTest {
  static String silence(
      String id, String state, String comment, String component, boolean regex, String alertname) {
    return "{\"id\":\""
        + id
        + "\",\"status\":{\"state\":\""
        + state
        + "\"},\"updatedAt\":\"2026-12-02T10:00:00.000Z\","
        + "\"comment\":\""
        + comment
        + "\",\"createdBy\":\"ops\",\"startsAt\":\"2026-12-02T10:00:00.000Z\","
        + "\"endsAt\":\"2026-12-02T11:00:00.000Z\",\"matchers\":[{\"name\":\"alertname\",\"value\":\""
        + alertname
        + "\",\"isRegex\":false,\"isEqual\":true},{\"name\":\"component\",\"value\":\""
        + component
        + "\",\"isRegex\":"
        + regex
        + ",\"isEqual\":true}]}";
  }

  @Test
  void shouldReadVerdictSilencesWithTheirNoteAndIgnoreOthersSayingWhy() {
    String body =
        "["
            + String.join(
                ",",
                List.of(
                    silence(
                        "s1",
                        "active",
                        "augur:false-positive nightly backup spike",
                        "shop/a:80",
                        false,
                        "AugurPredictedFailure"),
                    silence(
                        "s2",
                        "expired",
                        "augur:true-positive",
                        "shop/b:80",
                        false,
                        "AugurPredictedFailure"),
                    silence(
                        "s3",
                        "pending",
                        "augur:false-positive",
                        "shop/a:80",
                        false,
                        "AugurPredictedFailure"),
                    silence(
                        "s4",
                        "active",
                        "augur:false-pos",
                        "shop/a:80",
                        false,
                        "AugurPredictedFailure"),
                    silence(
                        "s5",
                        "active",
                        "maintenance window",
                        "shop/a:80",
                        false,
                        "AugurPredictedFailure"),
                    silence(
                        "s6",
                        "active",
                        "augur:false-positive",
                        "shop/.*",
                        true,
                        "AugurPredictedFailure"),
                    silence(
                        "s7",
                        "active",
                        "augur:false-positive",
                        "shop/a:80",
                        false,
                        "SomethingElse")))
            + "]";
    SilenceVerdicts.Result r = SilenceVerdicts.parse(body, "am");
    assertEquals(2, r.verdicts().size(), r.toString());
    SilenceVerdicts.Found fp = r.verdicts().get(0);
    assertEquals("shop/a:80", fp.component());
    assertEquals(Verdict.FALSE_POSITIVE, fp.verdict());
    assertEquals("nightly backup spike", fp.note());
    assertEquals(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli(), fp.atMs());
    assertEquals("silence:s1", fp.verdictId());
    SilenceVerdicts.Found tp = r.verdicts().get(1);
    assertEquals(
        Verdict.TRUE_POSITIVE, tp.verdict(), "an expired verdict silence is still a verdict");
    assertEquals("", tp.note());
    assertEquals(4, r.ignored().size(), r.ignored().toString());
    assertTrue(r.ignored().get(0).startsWith("silence s3: pending"), r.ignored().get(0));
    assertEquals(
        "silence s4: comment must start with [augur:false-positive, augur:true-positive], got \"augur:false-pos\"",
        r.ignored().get(1));
    assertEquals(
        "silence s5: comment does not start with [augur:false-positive, augur:true-positive]: \"maintenance window\"",
        r.ignored().get(2));
    assertTrue(
        r.ignored().get(3).startsWith("silence s6: no equality matcher component="),
        r.ignored().get(3));
  }

  @Test
  void shouldRefuseABodyThatIsNotASilenceList() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SilenceVerdicts.parse("{\"a\":1}", "http://am/api/v2/silences"));
    assertEquals(
        "http://am/api/v2/silences: expected a JSON array of silences, got object", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SilenceVerdicts.parse("nope", "x"));
    assertTrue(e.getMessage().startsWith("x: not JSON"), e.getMessage());
  }

  @Test
  void shouldTurnAFalsePositiveIntoANormalWindowAroundTheAlertAndNameAnUnknownVerdict() {
    LabelledWindow w =
        Verdict.FALSE_POSITIVE.window(
            "c", 3_600_000, "alert:x@1", Duration.ofMinutes(10), Duration.ofMinutes(5));
    assertEquals(LabelledWindow.Label.NORMAL, w.label());
    assertEquals(3_000_000, w.startMs());
    assertEquals(3_900_000, w.endMs());
    assertEquals("operator", w.source());
    assertEquals("false-positive", w.experimentType());
    assertEquals(
        LabelledWindow.Label.FAILURE,
        Verdict.TRUE_POSITIVE
            .window("c", 3_600_000, "a", Duration.ofMinutes(10), Duration.ofMinutes(5))
            .label());
    var e = assertThrows(IllegalArgumentException.class, () -> Verdict.fromId("maybe"));
    assertEquals(
        "--verdict must be one of [false-positive, true-positive], got \"maybe\"", e.getMessage());
  }
}
