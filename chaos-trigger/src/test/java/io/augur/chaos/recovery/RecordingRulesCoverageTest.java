package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.score.ScoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every recorded series ({@code slo:*}, {@code augur:*}) that Augur's default queries read (the
 * resilience score's terms, the health gate, the abort conditions, the example config) is produced
 * by a recording rule in deploy/prometheus/augur-rules.yml.
 */
class RecordingRulesCoverageTest {
  private static final Pattern RECORDED = Pattern.compile("\\b((?:slo|augur):[a-zA-Z0-9_:]+)");

  @Test
  void shouldRecordEverySeriesTheDefaultQueriesRead() throws Exception {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(RepoFiles.deploy("prometheus/augur-rules.yml").toFile());
    Set<String> recorded = new TreeSet<>();
    rules
        .path("groups")
        .forEach(
            g ->
                g.path("rules")
                    .forEach(
                        r -> {
                          if (r.has("record")) {
                            recorded.add(r.path("record").asText());
                          }
                        }));
    List<String> queries = new ArrayList<>(ScoreConfig.defaults().queries().values());
    HealthQuery.defaults().forEach(q -> queries.add(q.promql()));
    AbortCondition.defaults().forEach(c -> queries.add(c.promql()));
    ChaosConfig example = ChaosConfig.read(java.nio.file.Path.of("examples/chaos-config.yaml"));
    example.healthQueries().forEach(q -> queries.add(q.promql()));
    example.abortConditions().forEach(c -> queries.add(c.promql()));
    example.score().queries().values().forEach(queries::add);
    Set<String> read = new TreeSet<>();
    for (String q : queries) {
      Matcher m = RECORDED.matcher(q);
      while (m.find()) {
        read.add(m.group(1));
      }
    }
    assertTrue(read.size() >= 5, "found the recorded series the queries read: " + read);
    Set<String> missing = new TreeSet<>(read);
    missing.removeAll(recorded);
    assertTrue(
        missing.isEmpty(), "read but not recorded: " + missing + " (recorded: " + recorded + ")");
  }
}
