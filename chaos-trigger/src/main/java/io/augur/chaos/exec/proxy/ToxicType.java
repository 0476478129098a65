package io.augur.chaos.exec.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a toxic does, and the attributes it takes (numbers only, checked against their range). Ids
 * are toxiproxy's where toxiproxy has the same toxic; a hyphen is accepted for an underscore.
 */
public enum ToxicType {
  /**
   * Every chunk waits {@code latency} ms, plus or minus up to {@code jitter} ms, before it is
   * forwarded.
   */
  LATENCY(
      "latency",
      Attr.integer("latency", 0, 3_600_000, null),
      Attr.integer("jitter", 0, 3_600_000, 0L)),
  /** At most {@code rate} bytes per second. */
  BANDWIDTH("bandwidth", Attr.integer("rate", 1, 1_000_000_000_000L, null)),
  /**
   * RST (SO_LINGER 0) once {@code bytes} have passed on a connection; {@code 0}: every connection
   * at once.
   */
  RESET_PEER("reset_peer", Attr.integer("bytes", 0, Long.MAX_VALUE, 0L)),
  /**
   * The dependency is unreachable: the listener is closed (connects are refused) and live
   * connections reset.
   */
  DOWN("down"),
  /**
   * Each byte, with probability {@code share}, gets one random bit flipped; reproducible for a
   * {@code seed}.
   */
  CORRUPTION(
      "corruption",
      Attr.fraction("share"),
      Attr.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L)),
  /** When one side closes, the close reaches the other side {@code delay} ms later. */
  SLOW_CLOSE("slow_close", Attr.integer("delay", 0, 3_600_000, null)),
  /**
   * New TLS handshakes get the proxy's expired certificate (TLS proxies only); live connections are
   * closed.
   */
  TLS_EXPIRED("tls_expired"),
  /**
   * New connections are answered with a minimal HTTP/1.1 {@code code} response instead of being
   * forwarded; live connections are closed, so pooled clients reconnect and get it.
   */
  HTTP_STATUS("http_status", Attr.integer("code", 400, 599, 401L));

  /**
   * One numeric attribute: {@code fallback} null means required; {@code integral} ones are stored
   * as {@code Long}, the others as {@code Double}.
   */
  public record Attr(String name, boolean integral, double min, double max, Number fallback) {
    static Attr integer(String name, long min, long max, Long fallback) {
      return new Attr(name, true, min, max, fallback);
    }

    static Attr fraction(String name) {
      return new Attr(name, false, 0, 1, null);
    }

    String range() {
      return integral ? (long) min + ".." + (long) max : min + ".." + max;
    }
  }

  private final String id;
  private final List<Attr> attrs;

  ToxicType(String id, Attr... attrs) {
    this.id = id;
    this.attrs = List.of(attrs);
  }

  public String id() {
    return id;
  }

  public List<Attr> attributes() {
    return attrs;
  }

  public Optional<Attr> attribute(String name) {
    return attrs.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** Whether it acts on a connection as a whole rather than on the bytes of one stream. */
  public boolean connectionLevel() {
    return this == DOWN || this == TLS_EXPIRED || this == HTTP_STATUS;
  }

  public static ToxicType fromId(String id) {
    String norm = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(t -> t.id.equals(norm))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "toxic type must be one of "
                        + Arrays.stream(values()).map(ToxicType::id).toList()
                        + ", got \""
                        + id
                        + "\""));
  }
}
