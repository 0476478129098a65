package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Network faults inside the target's network namespace (one the caller created; never the host's),
 * on the interface {@code netDevice}:
 *
 * <ul>
 *   <li>{@code network-partition}: an nftables table of Augur's own, {@code inet augur_<hash of the
 *       fault id>}, dropping the device's traffic in parameter {@code direction} ({@code both},
 *       {@code to} = leaving the target, {@code from} = reaching it); with parameter {@code loss}
 *       (percent) it drops that share at random ({@code numgen random mod 100 < loss}) instead of
 *       everything;
 *   <li>{@code bandwidth-limit}: a root {@code tbf} qdisc with a handle of Augur's own, {@code
 *       rate} (tc units: {@code 1mbit} is megabits, {@code 1mbps} megabytes per second), burst
 *       {@code buffer} bytes and queue {@code limit} bytes, or a {@code latency} instead of the
 *       limit.
 * </ul>
 *
 * Names and handles are journalled before anything is applied; revert deletes only Augur's own
 * table or qdisc and checks with {@code nft list tables} / {@code tc qdisc show} that it is gone.
 */
public final class NetnsFault implements LocalFault {
  public static final String NAME = "netns";
  static final String NETNS = "netns";
  static final String DEVICE = "device";
  static final String TABLE = "nftTable";
  static final String QDISC = "qdiscHandle";
  static final String RULES = "rules";
  private static final Path NETNS_DIR = Path.of("/run/netns");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ExperimentType> types() {
    return Set.of(ExperimentType.NETWORK_PARTITION, ExperimentType.BANDWIDTH_LIMIT);
  }

  @Override
  public Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params) {
    if (target.netns() == null) {
      return Optional.of(
          "local target "
              + target.name()
              + " binds no netns (the network namespace its traffic runs in)");
    }
    if (target.netDevice() == null) {
      return Optional.of(
          "local target "
              + target.name()
              + " binds no netDevice (the interface in netns "
              + target.netns()
              + " that carries its traffic)");
    }
    Optional<String> tool =
        HostCommand.missing("ip", type == ExperimentType.BANDWIDTH_LIMIT ? "tc" : "nft");
    if (tool.isPresent()) {
      return tool;
    }
    try {
      if (type == ExperimentType.BANDWIDTH_LIMIT) {
        tbfArgs(params);
      } else {
        nftScript("augur_check", target.netDevice(), params);
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    Optional<String> ns = namespaceProblem(target.netns());
    if (ns.isPresent()) {
      return ns;
    }
    if (!HostCommand.run(
            List.of("ip", "-n", target.netns(), "link", "show", "dev", target.netDevice()))
        .ok()) {
      return Optional.of(
          "network namespace " + target.netns() + " has no interface " + target.netDevice());
    }
    return Optional.empty();
  }

  /** Why {@code netns} is not a namespace this fault may touch: absent, or the host's own. */
  static Optional<String> namespaceProblem(String netns) {
    Path ns = NETNS_DIR.resolve(netns);
    if (!Files.exists(ns)) {
      return Optional.of(
          "network namespace "
              + netns
              + " does not exist (the caller creates it: ip netns add "
              + netns
              + ")");
    }
    try {
      Object inode = Files.getAttribute(ns, "unix:ino");
      if (inode.equals(Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino"))) {
        return Optional.of(
            "network namespace " + netns + " is the host's own (this JVM's); refusing to touch it");
      }
      Path init = Path.of("/proc/1/ns/net");
      if (Files.isReadable(init) && inode.equals(Files.getAttribute(init, "unix:ino"))) {
        return Optional.of(
            "network namespace " + netns + " is the host's own (init's); refusing to touch it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(
          "cannot tell whether network namespace " + netns + " is the host's: " + e.getMessage());
    }
    return Optional.empty();
  }

  @Override
  public InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal) {
    String ns = target.netns();
    String dev = target.netDevice();
    namespaceProblem(ns)
        .ifPresent(
            p -> {
              throw new FaultException(p);
            });
    InjectedFault f = skeleton.with(NETNS, ns).with(DEVICE, dev);
    if (ExperimentType.fromId(skeleton.experimentType()) == ExperimentType.BANDWIDTH_LIMIT) {
      List<String> tbf;
      try {
        tbf = tbfArgs(params);
      } catch (IllegalArgumentException e) {
        throw new FaultException(e.getMessage(), e);
      }
      String handle = shortId(skeleton.id(), 4);
      f = f.with(QDISC, handle).with(RULES, String.join(" ", tbf));
      journal.record(f);
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  ns,
                  "tc",
                  "qdisc",
                  "add",
                  "dev",
                  dev,
                  "root",
                  "handle",
                  handle + ":"));
      argv.addAll(tbf);
      HostCommand.check("cannot limit bandwidth on " + dev + " in " + ns, argv, null);
    } else {
      String table = "augur_" + shortId(skeleton.id(), 10);
      String script;
      try {
        script = nftScript(table, dev, params);
      } catch (IllegalArgumentException e) {
        throw new FaultException(e.getMessage(), e);
      }
      f = f.with(TABLE, table).with(RULES, script.replace('\n', ' ').replaceAll(" +", " ").trim());
      journal.record(f);
      HostCommand.check(
          "cannot partition " + dev + " in " + ns,
          List.of("ip", "netns", "exec", ns, "nft", "-f", "-"),
          script);
    }
    if (reverted(f)) {
      throw new FaultException(
          "fault " + f.id() + " was applied but is not listed in network namespace " + ns);
    }
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    if (!Files.exists(NETNS_DIR.resolve(fault.require(NETNS)))) {
      return new FaultStatus(
          FaultStatus.State.ENDED, "network namespace " + fault.require(NETNS) + " is gone");
    }
    try {
      return reverted(fault)
          ? new FaultStatus(FaultStatus.State.ENDED, what(fault) + " is gone")
          : FaultStatus.active(what(fault) + ": " + fault.handle().getOrDefault(RULES, ""));
    } catch (RuntimeException e) {
      return new FaultStatus(
          FaultStatus.State.UNKNOWN, "cannot list " + what(fault) + ": " + e.getMessage());
    }
  }

  @Override
  public void revert(InjectedFault fault) {
    String ns = fault.require(NETNS);
    if (!Files.exists(NETNS_DIR.resolve(ns)) || reverted(fault)) {
      return;
    }
    if (fault.handle().containsKey(TABLE)) {
      HostCommand.check(
          "cannot remove nftables table " + fault.require(TABLE) + " in " + ns,
          List.of(
              "ip", "netns", "exec", ns, "nft", "delete", "table", "inet", fault.require(TABLE)),
          null);
    } else {
      HostCommand.check(
          "cannot remove tbf qdisc " + fault.require(QDISC) + ": in " + ns,
          List.of(
              "ip",
              "netns",
              "exec",
              ns,
              "tc",
              "qdisc",
              "del",
              "dev",
              fault.require(DEVICE),
              "root",
              "handle",
              fault.require(QDISC) + ":"),
          null);
    }
  }

  @Override
  public boolean reverted(InjectedFault fault) {
    String ns = fault.require(NETNS);
    if (!Files.exists(NETNS_DIR.resolve(ns))) {
      return true; // the namespace and everything in it are gone
    }
    if (fault.handle().containsKey(TABLE)) {
      HostCommand.Result r =
          HostCommand.run(List.of("ip", "netns", "exec", ns, "nft", "list", "tables"));
      if (!r.ok()) {
        throw new FaultException("cannot list nftables tables in " + ns + ": " + r.output());
      }
      return r.output()
          .lines()
          .map(String::trim)
          .noneMatch(l -> l.equals("table inet " + fault.require(TABLE)));
    }
    if (!fault.handle().containsKey(QDISC)) {
      return true; // journalled before a handle was chosen: nothing was applied
    }
    HostCommand.Result r =
        HostCommand.run(
            List.of(
                "ip", "netns", "exec", ns, "tc", "qdisc", "show", "dev", fault.require(DEVICE)));
    if (!r.ok()) {
      return !HostCommand.run(List.of("ip", "-n", ns, "link", "show", "dev", fault.require(DEVICE)))
          .ok(); // device gone
    }
    // tc prints handles as hex without leading zeros: handle 0a1b: is shown as a1b:
    String shown = Integer.toHexString(Integer.parseInt(fault.require(QDISC), 16));
    return r.output().lines().noneMatch(l -> l.startsWith("qdisc tbf " + shown + ":"));
  }

  private static String what(InjectedFault fault) {
    return fault.handle().containsKey(TABLE)
        ? "nftables table inet " + fault.require(TABLE) + " in " + fault.require(NETNS)
        : "tbf qdisc "
            + fault.handle().get(QDISC)
            + ": on "
            + fault.require(DEVICE)
            + " in "
            + fault.require(NETNS);
  }

  /** The nftables table for a partition (or, with {@code loss}, random loss) on {@code dev}. */
  static String nftScript(String table, String dev, FaultParams params) {
    String direction = params.get("direction", "both").trim().toLowerCase(Locale.ROOT);
    if (!List.of("both", "to", "from").contains(direction)) {
      throw new IllegalArgumentException(
          "network-partition parameter direction must be both, to or from, got \""
              + direction
              + "\"");
    }
    String loss = params.get("loss", null);
    String verdict = "drop";
    if (loss != null && !loss.isBlank()) {
      String v =
          loss.trim().endsWith("%")
              ? loss.trim().substring(0, loss.trim().length() - 1)
              : loss.trim();
      int pct;
      try {
        pct = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        pct = -1;
      }
      if (pct < 1 || pct > 100) {
        throw new IllegalArgumentException(
            "network-partition parameter loss must be a whole percent in [1, 100], got \""
                + loss
                + "\"");
      }
      verdict = "numgen random mod 100 < " + pct + " drop";
    }
    StringBuilder s = new StringBuilder("table inet " + table + " {\n");
    if (!direction.equals("to")) {
      s.append("  chain input { type filter hook input priority -10; policy accept; iifname \"")
          .append(dev)
          .append("\" ")
          .append(verdict)
          .append("; }\n");
    }
    if (!direction.equals("from")) {
      s.append("  chain output { type filter hook output priority -10; policy accept; oifname \"")
          .append(dev)
          .append("\" ")
          .append(verdict)
          .append("; }\n");
    }
    return s.append("}\n").toString();
  }

  /** {@code rate R burst B limit L} (or {@code latency T} instead of the limit), checked. */
  static List<String> tbfArgs(FaultParams params) {
    String rate = params.require("rate").trim().toLowerCase(Locale.ROOT);
    if (!rate.matches("[0-9]+(\\.[0-9]+)?(bit|kbit|mbit|gbit|tbit|bps|kbps|mbps|gbps|tbps)")) {
      throw new IllegalArgumentException(
          "bandwidth-limit parameter rate must be a tc rate like 1mbit or 125kbps, got \""
              + rate
              + "\"");
    }
    long burst = positive(params, "buffer");
    List<String> a = new ArrayList<>(List.of("tbf", "rate", rate, "burst", Long.toString(burst)));
    String latency = params.get("latency", null);
    if (latency != null && !latency.isBlank()) {
      a.addAll(List.of("latency", params.duration("latency", null).toMillis() + "ms"));
    } else {
      a.addAll(List.of("limit", Long.toString(positive(params, "limit"))));
    }
    return a;
  }

  private static long positive(FaultParams params, String key) {
    String v = params.require(key).trim();
    try {
      long n = Long.parseLong(v);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bandwidth-limit parameter "
              + key
              + " must be a positive number of bytes, got \""
              + v
              + "\"",
          e);
    }
  }

  /**
   * {@code hexDigits} of the SHA-256 of the fault id, never all zeros nor all f (tc reserves 0 and
   * ffff).
   */
  static String shortId(String faultId, int hexDigits) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(faultId.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(h).substring(0, hexDigits);
      boolean reserved = hex.chars().allMatch(c -> c == '0') || hex.chars().allMatch(c -> c == 'f');
      return reserved ? "a" + hex.substring(1) : hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
