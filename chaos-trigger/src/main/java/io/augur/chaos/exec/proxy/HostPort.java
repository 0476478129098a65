package io.augur.chaos.exec.proxy;

import io.augur.domain.Checks;

/**
 * A {@code host:port} as given on the command line or in a binding; port 0 means "any free port"
 * where one listens.
 */
public record HostPort(String host, int port) {
  public HostPort {
    Checks.nonBlank("host", host);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0..65535, got " + port + " (host " + host + ")");
    }
  }

  /**
   * Parses {@code host:port} or {@code [v6]:port}; {@code field} names the option in the message.
   */
  public static HostPort parse(String field, String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException(
          field + " must be HOST:PORT, e.g. 127.0.0.1:8474, got \"" + text + "\"");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new HostPort(host, Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + " port must be a number 0..65535, got \"" + text + "\"");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
