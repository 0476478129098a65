package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.experiment.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the CRD schemas do not check: metadata names and namespaces are DNS-1123 labels, every
 * duration and deadline parses as a Go duration, every chaos spec has a selector with a namespace
 * and labels, Workflow children name existing templates and the entry exists. Returns the problems
 * found, empty when none.
 */
public final class ManifestChecks {
  private static final Pattern GO_DURATION =
      Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
  private static final Set<String> CHAOS_FIELDS =
      Set.of(
          "podChaos",
          "networkChaos",
          "stressChaos",
          "httpChaos",
          "ioChaos",
          "timeChaos",
          "dnsChaos");

  private ManifestChecks() {}

  public static boolean isGoDuration(String s) {
    return s != null && GO_DURATION.matcher(s).matches();
  }

  public static List<String> check(JsonNode manifest) {
    List<String> problems = new ArrayList<>();
    String name = manifest.path("metadata").path("name").asText(null);
    String ns = manifest.path("metadata").path("namespace").asText(null);
    if (!Names.isDns1123Label(name)) {
      problems.add("metadata.name is not a DNS-1123 label: " + name);
    }
    if (!Names.isDns1123Label(ns)) {
      problems.add("metadata.namespace is not a DNS-1123 label: " + ns);
    }
    walk(manifest, "", problems);
    JsonNode spec = manifest.path("spec");
    switch (manifest.path("kind").asText()) {
      case "Workflow" -> checkWorkflow(spec, problems);
      case "Schedule" ->
          CHAOS_FIELDS.stream()
              .filter(spec::has)
              .forEach(f -> checkChaosSpec(spec.get(f), "spec." + f, problems));
      case "ChaosEngine" -> {
        if (!spec.path("appinfo").path("applabel").asText("").contains("=")) {
          problems.add("spec.appinfo.applabel must be key=value");
        }
      }
      default -> checkChaosSpec(spec, "spec", problems);
    }
    return problems;
  }

  private static void checkWorkflow(JsonNode spec, List<String> problems) {
    Set<String> names = new HashSet<>();
    for (JsonNode t : spec.path("templates")) {
      String n = t.path("name").asText();
      if (!names.add(n)) {
        problems.add("duplicate template " + n);
      }
      if (!Names.isDns1123Label(n)) {
        problems.add("template name is not a DNS-1123 label: " + n);
      }
    }
    if (!names.contains(spec.path("entry").asText())) {
      problems.add("entry " + spec.path("entry").asText() + " is not a template");
    }
    for (JsonNode t : spec.path("templates")) {
      for (JsonNode c : t.path("children")) {
        if (!names.contains(c.asText())) {
          problems.add("template " + t.path("name").asText() + " has unknown child " + c.asText());
        }
      }
      CHAOS_FIELDS.stream()
          .filter(t::has)
          .forEach(f -> checkChaosSpec(t.get(f), "template " + t.path("name").asText(), problems));
    }
  }

  private static void checkChaosSpec(JsonNode spec, String where, List<String> problems) {
    JsonNode sel = spec.path("selector");
    if (sel.path("namespaces").isEmpty()) {
      problems.add(where + ": selector.namespaces is missing");
    }
    if (sel.path("labelSelectors").isEmpty()) {
      problems.add(where + ": selector.labelSelectors is missing");
    }
    for (Map.Entry<String, JsonNode> e : sel.path("labelSelectors").properties()) {
      if (!Names.isLabelValue(e.getValue().asText())) {
        problems.add(where + ": label value is invalid: " + e.getValue().asText());
      }
    }
    String mode = spec.path("mode").asText();
    if (mode.contains("percent") || mode.equals("fixed")) {
      String v = spec.path("value").asText("");
      if (!v.matches("[0-9]+")
          || (mode.contains("percent") && (Integer.parseInt(v) < 1 || Integer.parseInt(v) > 100))) {
        problems.add(where + ": mode " + mode + " needs a value, got \"" + v + "\"");
      }
    }
  }

  private static void walk(JsonNode n, String path, List<String> problems) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                String p = path + "." + e.getKey();
                if ((e.getKey().equals("duration") || e.getKey().equals("deadline"))
                    && e.getValue().isTextual()
                    && !isGoDuration(e.getValue().asText())) {
                  problems.add(p + " is not a duration: " + e.getValue().asText());
                }
                walk(e.getValue(), p, problems);
              });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", problems);
      }
    }
  }
}
