package io.augur.chaos.exec.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces a test creates, {@code augur-t-<random>-a} and {@code -b}, joined by a
 * veth pair with both ends inside them and 10.250.x.1/.2 addresses that exist only there: traffic
 * between them never leaves them. {@link NetPeer}s run inside with {@code ip netns exec}.
 */
final class NamespacePair implements AutoCloseable {
  final String nsA;
  final String nsB;
  final String devA;
  final String devB;
  final String ipA;
  final String ipB;
  private final List<Process> peers = new ArrayList<>();
  private final Path logs;

  private NamespacePair(String suffix, int net, Path logs) {
    nsA = "augur-t-" + suffix + "-a";
    nsB = "augur-t-" + suffix + "-b";
    devA = "aug" + suffix + "a";
    devB = "aug" + suffix + "b";
    ipA = "10.250." + net + ".1";
    ipB = "10.250." + net + ".2";
    this.logs = logs;
  }

  /** The pair, or why it cannot be made here (no privilege, no ip). */
  static NamespacePair create(Path logs, StringBuilder why) {
    if (HostCommand.which("ip").isEmpty()) {
      why.append("ip (iproute2) is not installed");
      return null;
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    NamespacePair p =
        new NamespacePair(
            String.format(Locale.ROOT, "%06x", r.nextInt(1 << 24)), r.nextInt(256), logs);
    HostCommand.Result add = HostCommand.run(List.of("ip", "netns", "add", p.nsA));
    if (!add.ok()) {
      why.append("ip netns add failed (no privilege for network namespaces?): ")
          .append(add.output());
      return null;
    }
    try {
      p.ip("netns", "add", p.nsB);
      p.ip(
          "link", "add", p.devA, "netns", p.nsA, "type", "veth", "peer", "name", p.devB, "netns",
          p.nsB);
      p.ip("-n", p.nsA, "addr", "add", p.ipA + "/30", "dev", p.devA);
      p.ip("-n", p.nsB, "addr", "add", p.ipB + "/30", "dev", p.devB);
      for (String[] nd : new String[][] {{p.nsA, p.devA}, {p.nsB, p.devB}}) {
        p.ip("-n", nd[0], "link", "set", "lo", "up");
        p.ip("-n", nd[0], "link", "set", nd[1], "up");
      }
      return p;
    } catch (RuntimeException e) {
      p.close();
      why.append("cannot set up the namespace pair: ").append(e.getMessage());
      return null;
    }
  }

  private void ip(String... args) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    argv.addAll(List.of(args));
    HostCommand.check("namespace pair", argv, null);
  }

  /** Runs {@code argv} inside {@code ns}. */
  static HostCommand.Result in(String ns, String... argv) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(argv));
    return HostCommand.run(cmd, null, Duration.ofSeconds(60));
  }

  /** The command line of a {@link NetPeer} run inside {@code ns}. */
  static List<String> peer(String ns, String... args) {
    String cp;
    try {
      cp =
          Path.of(NetPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                cp,
                NetPeer.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Starts a long-running peer inside {@code ns} and waits until it printed {@code ready}. */
  Peer startPeer(String ns, String... args) throws IOException {
    Path out = Files.createTempFile(logs, "peer-", ".out");
    Process p =
        new ProcessBuilder(peer(ns, args))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    peers.add(p);
    if (!ProcFs.await(() -> read(out).contains("ready") || !p.isAlive(), 30_000) || !p.isAlive()) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "peer " + String.join(" ", args) + " did not become ready: " + read(out));
    }
    return new Peer(p, out);
  }

  /** A peer started with {@link #startPeer} and where its output goes. */
  record Peer(Process process, Path out) {
    /** Its whole output once it exited by itself (or was killed after {@code timeoutMs}). */
    String awaitOutput(long timeoutMs) throws InterruptedException {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      return read(out);
    }
  }

  /**
   * Sends {@code bytes} from a to b's sink; empty when the transfer failed, else its bytes per
   * second.
   */
  Optional<Double> send(int port, long bytes, int timeoutMs) {
    HostCommand.Result r =
        HostCommand.run(
            peer(
                nsA,
                "send",
                ipB,
                Integer.toString(port),
                Long.toString(bytes),
                Integer.toString(timeoutMs)),
            null,
            Duration.ofSeconds(60));
    String line =
        r.output()
            .lines()
            .filter(l -> l.startsWith("sent ") || l.startsWith("failed"))
            .findFirst()
            .orElse(r.output());
    if (!r.ok() || !line.startsWith("sent ")) {
      return Optional.empty();
    }
    String[] f = line.split(" ");
    return Optional.of(Long.parseLong(f[1]) / (Long.parseLong(f[2]) / 1e9));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    for (Process p : peers) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    HostCommand.run(List.of("ip", "netns", "del", nsA));
    HostCommand.run(List.of("ip", "netns", "del", nsB));
  }
}
