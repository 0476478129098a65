package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.proxy.ProxyClient;
import io.augur.chaos.exec.proxy.ProxyControlException;
import io.augur.chaos.exec.proxy.Toxic;
import io.augur.chaos.exec.proxy.ToxicStream;
import io.augur.chaos.exec.proxy.ToxicType;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults carried out by Augur's fault proxy ({@code augur chaos proxy}) in front of the target,
 * through the binding's {@code proxyControl} and {@link LocalTarget#proxyNameOrName()}: one toxic
 * per fault.
 *
 * <ul>
 *   <li>latency-injection, replication-lag (the binding's proxy is the replication link): {@code
 *       latency} with the plan's {@code latency} and {@code jitter}; {@code param.mode=reset} makes
 *       it a connection reset ({@code reset_peer}, after {@code param.bytes}, default at once)
 *   <li>dependency-failure: {@code down} (or a reset with {@code param.mode=reset})
 *   <li>data-corruption: {@code corruption} of {@code percent}% of the bytes ({@code param.seed})
 *   <li>certificate-expiry: {@code tls_expired}; auth-failure: {@code http_status} with {@code
 *       code}
 *   <li>bandwidth-limit: {@code bandwidth} at {@code rate} ({@code 1mbps} = 10^6 bits/s)
 * </ul>
 *
 * The direction is {@code param.stream} (upstream, downstream, both), else the plan's {@code
 * direction} ({@code to}: towards the target, upstream; {@code from}: downstream), else downstream.
 * The control URL, proxy and toxic names are journalled before the toxic is added, so a fresh
 * instance reverts from the journal alone; the proxy keeps its toxics in memory, so a proxy that no
 * longer runs (connection refused) has none left.
 */
public final class ProxyFault implements LocalFault {
  public static final String NAME = "proxy";
  static final String CONTROL = "proxyControl";
  static final String PROXY = "proxyName";
  static final String TOXIC = "toxic";
  static final String TOXIC_TYPE = "toxicType";
  private static final Pattern RATE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(bps|kbps|mbps|gbps|tbps)");

  private final Duration timeout;

  public ProxyFault() {
    this(Duration.ofSeconds(3));
  }

  /** With a timeout per control API call. */
  public ProxyFault(Duration timeout) {
    this.timeout = Checks.nonNull("timeout", timeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ExperimentType> types() {
    return EnumSet.of(
        ExperimentType.LATENCY_INJECTION,
        ExperimentType.REPLICATION_LAG,
        ExperimentType.DATA_CORRUPTION,
        ExperimentType.DEPENDENCY_FAILURE,
        ExperimentType.CERTIFICATE_EXPIRY,
        ExperimentType.AUTH_FAILURE,
        ExperimentType.BANDWIDTH_LIMIT);
  }

  @Override
  public Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params) {
    if (!types().contains(type)) {
      return Optional.of("the proxy cannot carry out " + type.id());
    }
    if (target.proxyControl() == null || target.proxyControl().isBlank()) {
      return Optional.of(
          "local target "
              + target.name()
              + " has no proxyControl (the control URL of an augur chaos "
              + "proxy in front of it)");
    }
    try {
      toxic(type, "check", params);
      ProxyClient.ProxyInfo p = client(target.proxyControl()).proxy(target.proxyNameOrName());
      if (type == ExperimentType.CERTIFICATE_EXPIRY && !p.tls()) {
        return Optional.of(
            "proxy "
                + p.name()
                + " at "
                + target.proxyControl()
                + " does not terminate TLS, so it "
                + "cannot serve an expired certificate (start it with --tls-keystore or --tls-generate)");
      }
      return Optional.empty();
    } catch (IllegalArgumentException | ProxyControlException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The toxic that carries out {@code type} with {@code params}. */
  static Toxic toxic(ExperimentType type, String name, FaultParams params) {
    String mode = params.get("mode", "").trim().toLowerCase(Locale.ROOT);
    boolean reset = mode.equals("reset");
    if (!mode.isEmpty() && !reset) {
      throw new IllegalArgumentException(
          type.id() + " parameter mode must be reset or absent, got \"" + mode + "\"");
    }
    if (reset
        && type != ExperimentType.LATENCY_INJECTION
        && type != ExperimentType.DEPENDENCY_FAILURE) {
      throw new IllegalArgumentException(
          "mode=reset applies to latency-injection and dependency-failure, not " + type.id());
    }
    ToxicStream stream = stream(type, params);
    if (reset) {
      return Toxic.of(
          name, ToxicType.RESET_PEER, stream, Map.of("bytes", number(type, params, "bytes", "0")));
    }
    return switch (type) {
      case LATENCY_INJECTION, REPLICATION_LAG ->
          Toxic.of(
              name,
              ToxicType.LATENCY,
              stream,
              Map.of(
                  "latency",
                  params.duration("latency", Duration.ofMillis(200)).toMillis(),
                  "jitter",
                  params.duration("jitter", Duration.ZERO).toMillis()));
      case DATA_CORRUPTION ->
          Toxic.of(
              name,
              ToxicType.CORRUPTION,
              stream,
              Map.of("share", share(type, params), "seed", number(type, params, "seed", "1")));
      case DEPENDENCY_FAILURE -> Toxic.of(name, ToxicType.DOWN, stream, Map.of());
      case CERTIFICATE_EXPIRY -> Toxic.of(name, ToxicType.TLS_EXPIRED, stream, Map.of());
      case AUTH_FAILURE ->
          Toxic.of(
              name,
              ToxicType.HTTP_STATUS,
              stream,
              Map.of("code", number(type, params, "code", "401")));
      case BANDWIDTH_LIMIT ->
          Toxic.of(name, ToxicType.BANDWIDTH, stream, Map.of("rate", bytesPerSecond(type, params)));
      default -> throw new IllegalArgumentException("the proxy cannot carry out " + type.id());
    };
  }

  private static ToxicStream stream(ExperimentType type, FaultParams params) {
    String s = params.get("stream", "");
    if (!s.isBlank()) {
      return ToxicStream.fromId(type.id() + " parameter", s);
    }
    return switch (params.get("direction", "").trim().toLowerCase(Locale.ROOT)) {
      case "to" -> ToxicStream.UPSTREAM;
      case "both" -> ToxicStream.BOTH;
      default -> ToxicStream.DOWNSTREAM;
    };
  }

  private static long number(ExperimentType type, FaultParams params, String key, String fallback) {
    String v = params.get(key, fallback).trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          type.id() + " parameter " + key + " must be a whole number, got \"" + v + "\"");
    }
  }

  private static double share(ExperimentType type, FaultParams params) {
    String v = params.get("share", "");
    boolean percent = v.isBlank();
    String text = percent ? params.get("percent", "10") : v;
    try {
      double d = Double.parseDouble(text.trim());
      return percent ? d / 100 : d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          type.id()
              + " parameter "
              + (percent ? "percent" : "share")
              + " must be a number, got \""
              + text
              + "\"");
    }
  }

  /** Chaos Mesh's rate units are bits per second: {@code 1mbps} is 125000 bytes/s. */
  static long bytesPerSecond(ExperimentType type, FaultParams params) {
    String v = params.get("rate", "1mbps");
    Matcher m = RATE.matcher(v.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          type.id()
              + " parameter rate must be like 100kbps or 1mbps (bits per second), "
              + "got \""
              + v
              + "\"");
    }
    double bits =
        Double.parseDouble(m.group(1))
            * switch (m.group(2)) {
              case "bps" -> 1;
              case "kbps" -> 1e3;
              case "mbps" -> 1e6;
              case "gbps" -> 1e9;
              default -> 1e12;
            };
    return Math.max(1, Math.round(bits / 8));
  }

  private ProxyClient client(String url) {
    try {
      return new ProxyClient(java.net.URI.create(url.trim()), timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "proxyControl must be http://HOST:PORT, got \"" + url + "\"");
    }
  }

  static String toxicName(String faultId) {
    return faultId.length() <= 128
        ? faultId
        : faultId.substring(0, 110) + "-" + Integer.toHexString(faultId.hashCode());
  }

  @Override
  public InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal) {
    ExperimentType type = params.type();
    Toxic toxic = toxic(type, toxicName(skeleton.id()), params);
    String control = target.proxyControl();
    String proxy = target.proxyNameOrName();
    ProxyClient c = client(control);
    InjectedFault f =
        skeleton
            .with(CONTROL, control)
            .with(PROXY, proxy)
            .with(TOXIC, toxic.name())
            .with(TOXIC_TYPE, toxic.type().id());
    journal.record(
        f); // before the toxic exists: a crash from here on leaves an entry to revert from
    try {
      c.add(proxy, toxic);
    } catch (ProxyControlException e) {
      throw new FaultException(
          "cannot add toxic "
              + toxic.name()
              + " ("
              + toxic.type().id()
              + ") to proxy "
              + proxy
              + " for "
              + type.id()
              + " on "
              + target.name()
              + ": "
              + e.getMessage(),
          e);
    }
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    if (handle(fault) == null) {
      return new FaultStatus(
          FaultStatus.State.ENDED, "no toxic was added (nothing journalled beyond the skeleton)");
    }
    try {
      return handle(fault)
          .client
          .toxic(fault.require(PROXY), fault.require(TOXIC))
          .map(t -> FaultStatus.active("toxic " + t.toJson() + " on proxy " + fault.require(PROXY)))
          .orElseGet(
              () ->
                  new FaultStatus(
                      FaultStatus.State.ENDED, "toxic " + fault.require(TOXIC) + " is not active"));
    } catch (ProxyControlException | IllegalArgumentException e) {
      return new FaultStatus(FaultStatus.State.UNKNOWN, e.getMessage());
    }
  }

  @Override
  public void revert(InjectedFault fault) {
    Handle h = handle(fault);
    if (h == null) {
      return; // journalled before the proxy was chosen: nothing was added
    }
    try {
      h.client.remove(h.proxy, h.toxic);
    } catch (ProxyControlException e) {
      if (!e.refused()) {
        throw new FaultException(
            "cannot remove toxic " + h.toxic + " from proxy " + h.proxy + ": " + e.getMessage(), e);
      }
      // no proxy process at that address: its toxics died with it
    }
  }

  @Override
  public boolean reverted(InjectedFault fault) {
    Handle h = handle(fault);
    if (h == null) {
      return true;
    }
    try {
      return h.client.toxics(h.proxy).stream().noneMatch(t -> t.name().equals(h.toxic));
    } catch (ProxyControlException e) {
      return e.refused()
          || e.status() == 404; // no proxy process, or no such proxy: no toxic either
    }
  }

  private record Handle(ProxyClient client, String proxy, String toxic) {}

  /** The journalled identity, or null for a skeleton that never got as far as the proxy. */
  private Handle handle(InjectedFault fault) {
    String control = fault.handle().get(CONTROL);
    if (control == null) {
      return null;
    }
    return new Handle(client(control), fault.require(PROXY), fault.require(TOXIC));
  }
}
