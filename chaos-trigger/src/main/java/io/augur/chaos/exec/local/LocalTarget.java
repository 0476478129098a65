package io.augur.chaos.exec.local;

import io.augur.domain.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * What a plan target is on this machine. Every field but {@code name} is optional; a fault that
 * needs one that is missing says so in {@link LocalFault#unsupported}.
 *
 * @param name the plan target (component id) or service name this binding is for
 * @param pid the process to signal, or null
 * @param pidFile a file holding the pid (read at inject time), or null
 * @param restart a command (argv) that starts the process again after a kill, or empty
 * @param proxyControl base URL of the Augur fault proxy in front of the target, e.g. {@code
 *     http://127.0.0.1:8474}, or null
 * @param proxyName the proxy's name on that control endpoint, or null (then {@code name})
 * @param netns the network namespace the target's traffic runs in, or null
 * @param netDevice the interface inside {@code netns} that carries that traffic (for nftables and
 *     tc), or null
 * @param dataDir the directory the target writes to (disk fill), or null
 */
public record LocalTarget(
    String name,
    Long pid,
    Path pidFile,
    List<String> restart,
    String proxyControl,
    String proxyName,
    String netns,
    String netDevice,
    Path dataDir) {
  public LocalTarget {
    Checks.nonBlank("name", name);
    if (pid != null && pid <= 1) {
      throw new IllegalArgumentException(
          "pid of local target " + name + " must be > 1, got " + pid);
    }
    restart = List.copyOf(restart == null ? List.of() : restart);
    if (netns != null && !netns.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "netns of local target " + name + " must be a plain name, got \"" + netns + "\"");
    }
    if (netDevice != null && !netDevice.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException(
          "netDevice of local target "
              + name
              + " must be an interface name, got \""
              + netDevice
              + "\"");
    }
  }

  /** A binding with only a name and a pid (tests). */
  public static LocalTarget process(String name, long pid) {
    return new LocalTarget(name, pid, null, List.of(), null, null, null, null, null);
  }

  public String proxyNameOrName() {
    return proxyName == null || proxyName.isBlank() ? name : proxyName;
  }
}
