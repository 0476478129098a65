package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLayerTest {
  @Test
  void shouldReadNestedMapsListsAndQuotesWithTheirLines() {
    String yaml =
        """
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
    YamlLayer.Parsed p = YamlLayer.parse(yaml, "a.yaml");
    assertEquals(List.of(), p.problems());
    assertEquals(
        List.of(
            new RawValue("prometheus.url", "http://p:9090", "a.yaml:3"),
            new RawValue(
                "prometheus.selectors",
                List.of("{job=\"checkout\"}", "{job=~\"a|b\"} # not a comment"),
                "a.yaml:4"),
            new RawValue("prometheus.step", "1m", "a.yaml:7"),
            new RawValue("kafka.groupId", "it's", "a.yaml:9"),
            new RawValue(
                "alertmanager.urls", List.of("http://a:9093", "http://b:9093"), "a.yaml:11"),
            new RawValue("chaos.ranking.blastWeight", "2", "a.yaml:14"),
            new RawValue("job.componentLabels", List.of("namespace", "pod"), "a.yaml:16")),
        p.values());
  }

  @Test
  void shouldTreatEmptyAndNullValuesAsNotSet() {
    YamlLayer.Parsed p =
        YamlLayer.parse(
            "---\nchaos:\n  # every: 5m\nmodel:\n  bundle: ~\n  watch: null\n", "a.yaml");
    assertEquals(List.of(), p.problems());
    assertEquals(List.of(), p.values());
    assertEquals(List.of(), YamlLayer.parse("", "empty.yaml").values());
  }

  @Test
  void shouldNameTheLineOfAListOfMapsADuplicateKeyAndASyntaxError() {
    assertEquals(
        List.of("a.yaml:4: prometheus.selectors: a list item must be a plain value, not a map"),
        YamlLayer.parse("prometheus:\n  url: x\n  selectors:\n    - name: x\n", "a.yaml")
            .problems());
    List<String> dup = YamlLayer.parse("kafka:\n  brokers: a\n  brokers: b\n", "a.yaml").problems();
    assertEquals(1, dup.size(), dup.toString());
    assertTrue(
        dup.get(0).startsWith("a.yaml:3: not valid YAML") && dup.get(0).contains("brokers"),
        dup.get(0));
    List<String> bad =
        YamlLayer.parse("prometheus:\n  url: [unclosed\njob: 1\n", "a.yaml").problems();
    assertEquals(1, bad.size(), bad.toString());
    assertTrue(bad.get(0).matches("a\\.yaml:\\d+: not valid YAML.*"), bad.get(0));
    assertEquals(
        List.of("a.yaml:1: the file must be a map of sections (key: value)"),
        YamlLayer.parse("- a\n- b\n", "a.yaml").problems());
  }

  @Test
  void shouldNotEchoAValueItRefuses() {
    List<String> problems =
        YamlLayer.parse("prometheus:\n  bearerToken: [tok-123, {x: 1}]\n", "a.yaml").problems();
    assertEquals(1, problems.size(), problems.toString());
    assertFalse(problems.get(0).contains("tok-123"), problems.get(0));
  }
}
