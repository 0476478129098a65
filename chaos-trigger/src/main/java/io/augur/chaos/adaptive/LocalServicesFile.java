package io.augur.chaos.adaptive;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.exec.proxy.ProxyClient;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the local services {@code augur chaos recovery respond} recovers:
 *
 * <pre>
 * services:
 *   - name: api                         # the alert's component / the recovery test's service
 *     proxyControl: http://127.0.0.1:8474
 *     proxy: api                        # the fault proxy in front of it (augur chaos proxy)
 *     primary:  {command: [python3, svc.py, "${PORT}"], cwd: /srv/api, env: {MODE: prod}}
 *     standby:  {command: [...]}        # optional: fail over
 *     previous: {command: [...]}        # optional: roll back
 *     pidFile: /run/api.pid             # optional: the running primary, stopped by restart / fail over
 *     shedConnections: 16               # optional, default 16
 * </pre>
 *
 * Relative {@code cwd} and {@code pidFile} are resolved against the file's directory.
 */
public final class LocalServicesFile {
  private LocalServicesFile() {}

  public static List<LocalRecoveryActions.Service> read(Path file) {
    JsonNode root;
    try {
      root = Wire.USER_YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read local services " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("services").isArray() || root.get("services").isEmpty()) {
      throw new IllegalArgumentException(file + ": expected a non-empty list \"services\"");
    }
    Path base = file.toAbsolutePath().getParent();
    List<LocalRecoveryActions.Service> out = new ArrayList<>();
    for (int i = 0; i < root.get("services").size(); i++) {
      JsonNode s = root.get("services").get(i);
      String where = file + ": services[" + i + "]";
      String name = required(s, "name", where);
      String control = required(s, "proxyControl", where + " (" + name + ")");
      String proxy = required(s, "proxy", where + " (" + name + ")");
      ProcessSpec primary = spec(s.get("primary"), base, where + ".primary");
      if (primary == null) {
        throw new IllegalArgumentException(where + " (" + name + "): \"primary\" is required");
      }
      int shed = s.path("shedConnections").asInt(16);
      Path pid = s.hasNonNull("pidFile") ? base.resolve(s.get("pidFile").asText()) : null;
      try {
        out.add(
            new LocalRecoveryActions.Service(
                name,
                primary,
                spec(s.get("standby"), base, where + ".standby"),
                spec(s.get("previous"), base, where + ".previous"),
                Router.of(ProxyClient.of(control), proxy),
                pid,
                shed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String required(JsonNode n, String field, String where) {
    if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is required");
    }
    return n.get(field).asText();
  }

  private static ProcessSpec spec(JsonNode n, Path base, String where) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.path("command").isArray() || n.get("command").isEmpty()) {
      throw new IllegalArgumentException(where + ": \"command\" must be a non-empty list");
    }
    List<String> cmd = new ArrayList<>();
    n.get("command").forEach(c -> cmd.add(c.asText()));
    Map<String, String> env = new LinkedHashMap<>();
    n.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    Path cwd = n.hasNonNull("cwd") ? base.resolve(n.get("cwd").asText()) : null;
    return new ProcessSpec(cmd, cwd, env);
  }
}
