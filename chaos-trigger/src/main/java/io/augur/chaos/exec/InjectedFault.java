package io.augur.chaos.exec;

import io.augur.domain.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One applied fault, as the journal stores it: enough for a fresh executor to find and undo it.
 *
 * @param id unique per fault: {@code <experimentId>-<executor>-<n>}; the journal's file name
 * @param executor the {@link Executor#name()} that applied it
 * @param experimentId the plan id
 * @param target the plan's target this fault hits
 * @param experimentType the catalogue id, e.g. {@code latency-injection}
 * @param handle what the executor needs to undo it (pid, nftables table, netns, resource names,
 *     file path, proxy port ...), executor-specific, strings only
 * @param injectedAtMs when it was applied (or journalled, if applying failed half-way)
 */
public record InjectedFault(
    String id,
    String executor,
    String experimentId,
    String target,
    String experimentType,
    Map<String, String> handle,
    long injectedAtMs) {
  public InjectedFault {
    Checks.nonBlank("id", id);
    if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new IllegalArgumentException(
          "fault id must be 1-200 characters of [A-Za-z0-9._-], got \"" + id + "\"");
    }
    Checks.nonBlank("executor", executor);
    Checks.nonBlank("experimentId", experimentId);
    Checks.nonBlank("target", target);
    Checks.nonBlank("experimentType", experimentType);
    handle = Map.copyOf(Checks.noNullEntries("handle", handle == null ? Map.of() : handle));
    Checks.nonNegative("injectedAtMs", injectedAtMs);
  }

  /** The handle entry, or an {@link IllegalStateException} naming the fault and the key. */
  public String require(String key) {
    String v = handle.get(key);
    if (v == null) {
      throw new IllegalStateException(
          "fault " + id + " has no handle entry " + key + " (has " + handle.keySet() + ")");
    }
    return v;
  }

  /**
   * A copy with {@code key=value} added to the handle (for identities known only after applying).
   */
  public InjectedFault with(String key, String value) {
    Map<String, String> h = new LinkedHashMap<>(handle);
    h.put(key, value);
    return new InjectedFault(id, executor, experimentId, target, experimentType, h, injectedAtMs);
  }
}
