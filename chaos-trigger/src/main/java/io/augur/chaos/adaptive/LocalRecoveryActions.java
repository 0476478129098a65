package io.augur.chaos.adaptive;

import io.augur.chaos.exec.proxy.HostPort;
import io.augur.domain.Checks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Recovery strategies for local processes behind a fault proxy: restart starts a fresh primary and
 * routes the proxy to it (after stopping the old instances), roll back does the same with the
 * previous version's spec, fail over starts the standby and routes to it, scale out starts one more
 * primary and adds it to the proxy's upstreams, shed load lowers the proxy's connection limit.
 * Instances get a free port on 127.0.0.1. {@link #close} stops every instance this object started
 * unless it was made to leave them running (the CLI, whose recovered service must outlive it).
 */
public final class LocalRecoveryActions implements RecoveryActions {
  /**
   * One local service.
   *
   * @param standby started by fail over; null: fail over is unsupported
   * @param previous the previous version or configuration, started by roll back; null: unsupported
   * @param pidFile the running primary's pid (stopped by restart, roll back and fail over;
   *     rewritten with the new primary's), or null
   * @param shedConnections the proxy's connection limit while shedding load
   */
  public record Service(
      String name,
      ProcessSpec primary,
      ProcessSpec standby,
      ProcessSpec previous,
      Router router,
      Path pidFile,
      int shedConnections) {
    public Service {
      Checks.nonBlank("name", name);
      Checks.nonNull("primary", primary);
      Checks.nonNull("router", router);
      if (shedConnections < 1) {
        throw new IllegalArgumentException(
            "shedConnections of service " + name + " must be >= 1, got " + shedConnections);
      }
    }
  }

  private record Instance(Process process, int port, String role) {}

  private final Map<String, Service> services;
  private final Map<String, List<Instance>> running = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new LinkedHashMap<>();
  private final boolean leaveRunning;

  public LocalRecoveryActions(List<Service> services, boolean leaveRunning) {
    Map<String, Service> m = new LinkedHashMap<>();
    for (Service s : Checks.noNullElements("services", services)) {
      if (m.put(s.name(), s) != null) {
        throw new IllegalArgumentException("two services are named " + s.name());
      }
    }
    this.services = Map.copyOf(m);
    this.leaveRunning = leaveRunning;
  }

  @Override
  public String name() {
    return "local";
  }

  private Service service(Failure f) {
    Service s = services.get(f.service());
    if (s == null) {
      throw new IllegalArgumentException(
          "no local service named " + f.service() + " (there are " + services.keySet() + ")");
    }
    return s;
  }

  @Override
  public Optional<String> unsupported(Strategy strategy, Failure failure) {
    Service s = services.get(failure.service());
    if (s == null) {
      return Optional.of(
          "no local service named " + failure.service() + " (there are " + services.keySet() + ")");
    }
    if (strategy == Strategy.FAILOVER && s.standby() == null) {
      return Optional.of("service " + s.name() + " has no standby");
    }
    if (strategy == Strategy.ROLLBACK && s.previous() == null) {
      return Optional.of("service " + s.name() + " has no previous version");
    }
    return Optional.empty();
  }

  @Override
  public List<String> plan(Strategy strategy, Failure failure) {
    Service s = service(failure);
    String stop =
        "stop the running instances of "
            + s.name()
            + (s.pidFile() == null ? "" : " and pid in " + s.pidFile());
    return switch (strategy) {
      case RESTART ->
          List.of(
              stop, "start " + s.primary().command(), "route " + s.router().describe() + " to it");
      case ROLLBACK ->
          List.of(
              stop, "start " + s.previous().command(), "route " + s.router().describe() + " to it");
      case FAILOVER ->
          List.of(
              "start " + s.standby().command(), "route " + s.router().describe() + " to it", stop);
      case SCALE_OUT ->
          List.of("start another " + s.primary().command(), "add it to " + s.router().describe());
      case SHED_LOAD ->
          List.of("limit " + s.router().describe() + " to " + s.shedConnections() + " connections");
    };
  }

  /** Starts the service's primary and routes its proxy to it (bringing a test's service up). */
  public synchronized void start(String service) {
    Service s = services.get(service);
    if (s == null) {
      throw new IllegalArgumentException("no local service named " + service);
    }
    Instance i = launch(s, s.primary(), "primary");
    s.router().route(List.of(hostPort(i)));
  }

  /**
   * Stops every instance of {@code service} this object started (a test's way of making it fail).
   */
  public synchronized void kill(String service) {
    stopAll(services.get(service));
  }

  @Override
  public synchronized Performed perform(Strategy strategy, Failure failure) {
    try {
      return act(strategy, failure);
    } catch (RecoveryActionException e) {
      throw e;
    } catch (RuntimeException e) { // the proxy's control API refused or did not answer
      throw new RecoveryActionException(
          strategy.id() + " of " + failure.service() + ": " + e.getMessage(), e);
    }
  }

  private Performed act(Strategy strategy, Failure failure) {
    Service s = service(failure);
    unsupported(strategy, failure)
        .ifPresent(
            u -> {
              throw new RecoveryActionException(u);
            });
    List<String> done = new ArrayList<>();
    List<Instance> watch;
    switch (strategy) {
      case RESTART, ROLLBACK -> {
        stopAll(s);
        done.add("stopped the old instances");
        Instance i =
            launch(s, strategy == Strategy.RESTART ? s.primary() : s.previous(), strategy.id());
        s.router().route(List.of(hostPort(i)));
        done.add(
            "started "
                + i.role()
                + " pid "
                + i.process().pid()
                + " on port "
                + i.port()
                + ", routed to it");
        watch = List.of(i);
      }
      case FAILOVER -> {
        List<Instance> old = new ArrayList<>(running.getOrDefault(s.name(), List.of()));
        Instance i = launch(s, s.standby(), "standby");
        s.router().route(List.of(hostPort(i)));
        done.add(
            "started standby pid " + i.process().pid() + " on port " + i.port() + ", routed to it");
        old.forEach(o -> stop(o.process()));
        running.get(s.name()).removeAll(old);
        stopPidFile(s);
        done.add("stopped " + old.size() + " old instance(s)");
        watch = List.of(i);
      }
      case SCALE_OUT -> {
        Instance i = launch(s, s.primary(), "scale-out");
        List<Instance> live =
            running.get(s.name()).stream().filter(x -> x.process().isAlive()).toList();
        s.router().route(live.stream().map(LocalRecoveryActions::hostPort).toList());
        done.add(
            "started instance pid "
                + i.process().pid()
                + " on port "
                + i.port()
                + "; "
                + live.size()
                + " upstream(s)");
        watch = live;
      }
      case SHED_LOAD -> {
        s.router().limitConnections(s.shedConnections());
        done.add(
            "limited " + s.router().describe() + " to " + s.shedConnections() + " connections");
        watch = List.of();
      }
      default -> throw new IllegalStateException("unknown strategy " + strategy);
    }
    List<Instance> w = List.copyOf(watch);
    return new Performed(
        done, () -> !w.isEmpty() && w.stream().noneMatch(i -> i.process().isAlive()));
  }

  private Instance launch(Service s, ProcessSpec spec, String role) {
    int attempt = starts.merge(s.name(), 1, Integer::sum);
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(spec.commandFor(port, attempt))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (spec.cwd() != null) {
      pb.directory(spec.cwd().toFile());
    }
    pb.environment().putAll(spec.envFor(port, attempt));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new RecoveryActionException(
          "cannot start " + spec.command() + " for " + s.name() + ": " + e.getMessage(), e);
    }
    Instance i = new Instance(p, port, role);
    running.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(i);
    if (s.pidFile() != null && !role.equals("scale-out")) {
      try {
        Files.writeString(s.pidFile(), p.pid() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new RecoveryActionException(
            "cannot write pid file " + s.pidFile() + ": " + e.getMessage(), e);
      }
    }
    return i;
  }

  private void stopAll(Service s) {
    if (s == null) {
      return;
    }
    List<Instance> l = running.getOrDefault(s.name(), new ArrayList<>());
    l.forEach(i -> stop(i.process()));
    l.clear();
    stopPidFile(s);
  }

  private void stopPidFile(Service s) {
    if (s.pidFile() == null || !Files.exists(s.pidFile())) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(s.pidFile(), StandardCharsets.UTF_8).trim());
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                h.destroy();
                try {
                  h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                  h.destroyForcibly();
                }
              });
    } catch (IOException | NumberFormatException e) {
      throw new RecoveryActionException(
          "cannot read pid file " + s.pidFile() + ": " + e.getMessage(), e);
    }
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static HostPort hostPort(Instance i) {
    return new HostPort("127.0.0.1", i.port());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new RecoveryActionException("no free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!leaveRunning) {
      running.values().forEach(l -> l.forEach(i -> stop(i.process())));
      running.clear();
    }
  }
}
