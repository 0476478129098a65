package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlSubsetTest {
  @Test
  void shouldReadNestedMapsListsAndQuotesWithTheirLines() {
    String yaml = """
        # a comment
        prometheus:
          url: http://p:9090   # trailing comment
          selectors:
            - '{job="checkout"}'
            - "{job=~\\"a|b\\"} # not a comment"
          step: 1m
        kafka:
          groupId: 'it''s'
        alertmanager:
          urls: [http://a:9093, 'http://b:9093']
        chaos:
          ranking:
            blastWeight: 2
        job:
          componentLabels:
          - namespace
          - pod
        """;
    YamlSubset.Parsed p = YamlSubset.parse(yaml, "a.yaml");
    assertEquals(List.of(), p.problems());
    assertEquals(List.of(
        new RawValue("prometheus.url", "http://p:9090", "a.yaml:3"),
        new RawValue("prometheus.selectors", List.of("{job=\"checkout\"}", "{job=~\"a|b\"} # not a comment"), "a.yaml:4"),
        new RawValue("prometheus.step", "1m", "a.yaml:7"),
        new RawValue("kafka.groupId", "it's", "a.yaml:9"),
        new RawValue("alertmanager.urls", List.of("http://a:9093", "http://b:9093"), "a.yaml:11"),
        new RawValue("chaos.ranking.blastWeight", "2", "a.yaml:14"),
        new RawValue("job.componentLabels", List.of("namespace", "pod"), "a.yaml:16")), p.values());
  }

  @Test
  void shouldTreatEmptyAndNullValuesAsNotSet() {
    YamlSubset.Parsed p = YamlSubset.parse("---\nchaos:\n  # every: 5m\nmodel:\n  bundle: ~\n  watch: null\n", "a.yaml");
    assertEquals(List.of(), p.problems());
    assertEquals(List.of(), p.values());
  }

  @Test
  void shouldReportEveryUnsupportedLineWithItsNumber() {
    String yaml = """
        prometheus:
          url: {a: 1}
          selectors:
            - name: x
        \tstep: 1m
        kafka:
          brokers: >
          brokers: b
          groupId: &g augur
        just text
        """;
    List<String> problems = YamlSubset.parse(yaml, "a.yaml").problems();
    assertEquals(7, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("a.yaml:2: flow maps are not supported"), problems.get(0));
    assertTrue(problems.get(1).startsWith("a.yaml:4: a list item must be a string"), problems.get(1));
    assertTrue(problems.get(2).startsWith("a.yaml:5: indent with spaces, not tabs"), problems.get(2));
    assertTrue(problems.get(3).startsWith("a.yaml:7: block scalars"), problems.get(3));
    assertTrue(problems.get(4).startsWith("a.yaml:8: duplicate key kafka.brokers"), problems.get(4));
    assertTrue(problems.get(5).startsWith("a.yaml:9: anchors, aliases and tags"), problems.get(5));
    assertEquals("a.yaml:10: expected \"key: value\", \"key:\" or \"- item\"", problems.get(6));
  }

  @Test
  void shouldNotEchoALineItRefuses() {
    assertEquals(List.of("a.yaml:2: anchors, aliases and tags are not supported"),
        YamlSubset.parse("prometheus:\n  bearerToken: !tok-123\n", "a.yaml").problems());
  }

  @Test
  void shouldRefuseAListItemWithoutAKeyAndAKeyInsideAList() {
    List<String> problems = YamlSubset.parse("- a\nx:\n  - b\n  y: 1\nz\n", "a.yaml").problems();
    assertEquals(3, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("a.yaml:1: a list item must follow a key"), problems.get(0));
    assertTrue(problems.get(1).startsWith("a.yaml:4: a key inside the list x"), problems.get(1));
    assertTrue(problems.get(2).startsWith("a.yaml:5: expected \"key: value\""), problems.get(2));
  }
}
