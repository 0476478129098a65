package io.augur.chaos.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.recovery.RepoFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code augur chaos gameday --dry-run} and bad scenario files: nothing is touched. */
class GamedayCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new ChaosCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void shouldPrintTheTimelineAndTouchNothingOnADryRun() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer am =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    am.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    am.start();
    try {
      Path targets =
          Files.writeString(
              dir.resolve("t.yaml"), "targets:\n  - name: orders-primary\n    pid: 2\n");
      int exit =
          run(
              "gameday",
              RepoFiles.deploy("chaos/gameday/example.yaml").toString(),
              "--dry-run",
              "--targets",
              targets.toString(),
              "--set",
              "alertmanager=http://127.0.0.1:" + am.getAddress().getPort(),
              "--out",
              dir.resolve("out").toString(),
              "--journal",
              dir.resolve("journal").toString(),
              "--metrics-file",
              RepoFiles.deploy("chaos/recovery/healthy.yaml").toString());
      assertEquals(0, exit, err.toString());
    } finally {
      am.stop(0);
    }
    String o = out.toString();
    assertTrue(
        o.startsWith(
            "game day orders-failover-drill (dry run: nothing is notified, injected or run): 4 phases,"
                + " 55.0s"),
        o);
    assertTrue(
        o.contains("  +0.0s  phase preparation (10.0s)\n  +0.0s    announce: notify \"Game day"),
        o);
    assertTrue(
        o.contains(
            "  +10.0s  phase failure-injection (20.0s)\n  +11.0s    kill-primary: inject pod-kill into "
                + "orders-primary, reverted when recovery starts"),
        o);
    assertTrue(
        o.contains(
            "validate standby-takes-over: GET http://127.0.0.1:18080/ -> 200, body contains \"standby\""
                + " for 2.0s, before +30.0s"),
        o);
    assertTrue(o.contains("  +40.0s  phase recovery (15.0s)"), o);
    assertTrue(
        o.contains(
            "abort the whole scenario if orders-unreachable: sum(up{job=\"orders\"}) < 1.0 for 5s"),
        o);
    assertTrue(o.contains("  +55.0s  end; every fault still in effect is reverted"), o);
    assertEquals(0, requests.get(), "nobody was notified");
    assertFalse(Files.exists(dir.resolve("out")), "no report");
    assertFalse(Files.exists(dir.resolve("journal")), "no journal");
  }

  @Test
  void shouldNameTheFileAndFieldOfABadScenarioInOneLine() throws Exception {
    String[][] cases = {
      {
        "name: x\nphases:\n  - {name: preparation}\n",
        ": phases[0].duration must be given (e.g. 30s)"
      },
      {
        "name: x\nphases:\n  - {name: prep, duration: 1s}\n",
        ": phases[0].name must be one of [preparation, failure-injection, response, recovery], got \"prep\""
      },
      {
        "name: x\nphases:\n  - {name: recovery, duration: 1s}\n  - {name: preparation, duration: 1s}\n",
        ": phase preparation is out of order or repeated"
      },
      {
        "name: x\nphases:\n  - name: preparation\n    duration: 1s\n    actions: [{reboot: {}}]\n",
        ": phases[0].actions[0] has unknown field(s) [reboot]"
      },
      {
        "name: x\nphases:\n  - name: preparation\n    duration: 1s\n    actions: [{inject: {fault: nope, target: a}}]\n",
        ": phases[0].actions[0].inject.fault must be a catalogue id"
      },
      {
        "name: x\nabort: [{name: a, promql: 'up'}]\nphases:\n  - {name: preparation, duration: 1s}\n",
        ": abort[0].promql must be \"QUERY > N\" or \"QUERY < N\", got \"up\""
      },
      {
        "name: x\nphases:\n  - name: response\n    duration: 1s\n    validations: [{name: v, http: {url: x}, promql: up}]\n",
        ": phases[0].validations[0] (v) must have exactly one of promql, http, command"
      },
      {
        "name: x\nphases:\n  - name: response\n    duration: 1s\n    actions: [{notify: {message: hi}}]\n",
        ": action notify-1 notifies, but the scenario has no notify target"
      },
      {
        "name: x\nphases:\n  - {name: response, duration: '${d}'}\n",
        ": phases[0].duration uses ${d}, which is not defined"
      },
      {"name: x\nphases: [{name: response\n", ": not YAML: "},
    };
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("bad.yaml"), c[0]);
      StringWriter e = new StringWriter();
      int exit =
          new CommandLine(new ChaosCommand())
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(e))
              .execute("gameday", f.toString(), "--dry-run");
      assertEquals(2, exit, c[0]);
      String msg = e.toString();
      assertTrue(msg.startsWith("chaos gameday: " + f + c[1]), "expected " + c[1] + " got " + msg);
      assertEquals(1, msg.strip().lines().count(), "one line: " + msg);
    }
  }
}
