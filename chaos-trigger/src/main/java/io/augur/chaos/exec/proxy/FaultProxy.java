package io.augur.chaos.exec.proxy;

import io.augur.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that forwards every connection on its listen address to one upstream and applies the
 * active {@link Toxic}s. At most {@code maxConnections} connections at a time (two threads and two
 * {@value Pump#CHUNK}-byte buffers each); more are reset at once. Toxics take effect on the next
 * chunk of every live connection; {@code down} and an immediate {@code reset_peer} reset the live
 * connections when added, {@code http_status} and {@code tls_expired} close them (so clients that
 * pool connections reconnect and meet the fault). Close the proxy to stop: live connections are
 * reset.
 */
public final class FaultProxy implements AutoCloseable {
  /** Told of every toxic added ({@code "added"}), updated or removed, after the change. */
  @FunctionalInterface
  public interface Listener {
    void toxic(String proxy, String event, Toxic toxic);
  }

  private final String name;
  private volatile List<HostPort> upstreams;
  private final AtomicInteger nextUpstream = new AtomicInteger();
  private final TlsIdentity tls;
  private final int maxConnections;
  private volatile int connectionLimit;
  private final int connectTimeoutMs;
  private final Toxics toxics = new Toxics();
  private final Set<ProxyConnection> live = ConcurrentHashMap.newKeySet();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService pool;
  private final Object listenLock = new Object();
  private final InetSocketAddress bound;
  private ServerSocket server;
  private Thread acceptThread;
  private volatile boolean closed;

  private FaultProxy(
      String name,
      HostPort listen,
      HostPort upstream,
      TlsIdentity tls,
      int maxConnections,
      int connectTimeoutMs) {
    this.name = name;
    this.upstreams = List.of(upstream);
    this.tls = tls;
    this.maxConnections = maxConnections;
    this.connectionLimit = maxConnections;
    this.connectTimeoutMs = connectTimeoutMs;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            2 * maxConnections + 2,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "augur-proxy-" + name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    synchronized (listenLock) {
      this.bound = listen(new InetSocketAddress(listen.host(), listen.port()));
    }
  }

  /**
   * Starts a proxy listening on {@code listen} (port 0: any free port, see {@link #listenAddress})
   * and forwarding to {@code upstream}; {@code tls} null for plain TCP.
   */
  public static FaultProxy start(
      String name,
      HostPort listen,
      HostPort upstream,
      TlsIdentity tls,
      int maxConnections,
      int connectTimeoutMs) {
    Checks.nonBlank("proxy name", name);
    if (!name.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "proxy name must be 1-128 characters of [A-Za-z0-9._-], got \"" + name + "\"");
    }
    Checks.nonNull("listen", listen);
    Checks.nonNull("upstream", upstream);
    if (upstream.port() == 0) {
      throw new IllegalArgumentException(
          "upstream of proxy " + name + " needs a port, got " + upstream);
    }
    if (maxConnections < 1 || maxConnections > 10_000) {
      throw new IllegalArgumentException(
          "maxConnections of proxy " + name + " must be 1..10000, got " + maxConnections);
    }
    if (connectTimeoutMs < 1) {
      throw new IllegalArgumentException(
          "connectTimeoutMs of proxy " + name + " must be > 0, got " + connectTimeoutMs);
    }
    return new FaultProxy(name, listen, upstream, tls, maxConnections, connectTimeoutMs);
  }

  /** Plain TCP, 256 connections, 5 s upstream connect timeout. */
  public static FaultProxy start(String name, HostPort listen, HostPort upstream) {
    return start(name, listen, upstream, null, 256, 5_000);
  }

  private InetSocketAddress listen(InetSocketAddress at) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(at, 128);
      server = s;
      Thread t = new Thread(() -> acceptLoop(s), "augur-proxy-" + name + "-accept");
      t.setDaemon(true);
      t.start();
      acceptThread = t;
      return (InetSocketAddress) s.getLocalSocketAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "proxy " + name + " cannot listen on " + at + ": " + e.getMessage(), e);
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket c;
      try {
        c = s.accept();
      } catch (IOException e) {
        return; // closed: stopped, or down
      }
      ProxyConnection conn = new ProxyConnection(this, c, toxics, pool);
      if (live.size() >= connectionLimit || toxics.has(ToxicType.DOWN)) {
        conn.reset();
        continue;
      }
      live.add(conn);
      try {
        pool.execute(conn);
      } catch (RejectedExecutionException e) {
        conn.reset();
      }
    }
  }

  public String name() {
    return name;
  }

  /** The first upstream (the only one unless {@link #route} spread the traffic over several). */
  public HostPort upstream() {
    return upstreams.get(0);
  }

  /** Where new connections go, in round-robin order. */
  public List<HostPort> upstreams() {
    return upstreams;
  }

  /**
   * Sends new connections to {@code to} (round robin over them), e.g. a standby taking over or a
   * new instance added; live connections keep their upstream.
   */
  public void route(List<HostPort> to) {
    Checks.noNullElements("upstreams", to);
    if (to.isEmpty() || to.stream().anyMatch(h -> h.port() == 0)) {
      throw new IllegalArgumentException(
          "upstreams of proxy " + name + " must be at least one host:port, got " + to);
    }
    upstreams = List.copyOf(to);
  }

  HostPort nextUpstream() {
    List<HostPort> u = upstreams;
    return u.get(Math.floorMod(nextUpstream.getAndIncrement(), u.size()));
  }

  /** How many connections are accepted at a time now (at most the configured maximum). */
  public int connectionLimit() {
    return connectionLimit;
  }

  /**
   * Sheds load: from now on connections beyond {@code limit} are reset at once (live ones are
   * kept).
   */
  public void limitConnections(int limit) {
    if (limit < 1 || limit > maxConnections) {
      throw new IllegalArgumentException(
          "connection limit of proxy " + name + " must be 1.." + maxConnections + ", got " + limit);
    }
    connectionLimit = limit;
  }

  /** The address it listens on (the real port when started with port 0), also while down. */
  public InetSocketAddress listenAddress() {
    return bound;
  }

  public Optional<TlsIdentity> tls() {
    return Optional.ofNullable(tls);
  }

  int connectTimeoutMs() {
    return connectTimeoutMs;
  }

  public int liveConnections() {
    return live.size();
  }

  public void addListener(Listener l) {
    listeners.add(Checks.nonNull("listener", l));
  }

  public List<Toxic> toxics() {
    return toxics.snapshot();
  }

  public Optional<Toxic> toxic(String toxicName) {
    return toxics.get(toxicName);
  }

  /**
   * Activates a toxic; false when one of that name is active already.
   *
   * @throws IllegalArgumentException for {@code tls_expired} on a proxy without TLS
   */
  public boolean add(Toxic t) {
    Checks.nonNull("toxic", t);
    if (t.type() == ToxicType.TLS_EXPIRED && tls == null) {
      throw new IllegalArgumentException(
          "toxic "
              + t.name()
              + ": proxy "
              + name
              + " does not terminate TLS, so it has no certificate to expire (start it with a TLS key store)");
    }
    if (closed) {
      throw new IllegalStateException("proxy " + name + " is stopped");
    }
    if (!toxics.add(t)) {
      return false;
    }
    if (t.type() == ToxicType.DOWN) {
      goDown();
    } else if (t.type() == ToxicType.RESET_PEER && t.longAttr("bytes") == 0) {
      live.forEach(ProxyConnection::reset);
    } else if (t.type() == ToxicType.HTTP_STATUS || t.type() == ToxicType.TLS_EXPIRED) {
      live.forEach(
          ProxyConnection
              ::close); // pooled clients reconnect and meet the fault on the new connection
    }
    tell("added", t);
    return true;
  }

  /** Changes the attributes of an active toxic; empty when it is not active. */
  public Optional<Toxic> update(String toxicName, Map<String, Number> attributes) {
    Optional<Toxic> current = toxics.get(toxicName);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Toxic next = current.get().withAttributes(attributes);
    if (!toxics.replace(next)) {
      return Optional.empty();
    }
    tell("updated", next);
    return Optional.of(next);
  }

  /**
   * Removes a toxic; normal forwarding resumes for new data at once. Empty when it was not active.
   */
  public Optional<Toxic> remove(String toxicName) {
    Optional<Toxic> t = toxics.remove(toxicName);
    t.ifPresent(this::afterRemoval);
    return t;
  }

  /** Removes every toxic, returning what was active. */
  public List<Toxic> clear() {
    List<Toxic> was = toxics.clear();
    was.forEach(t -> tell("removed", t));
    comeUp();
    return was;
  }

  private void afterRemoval(Toxic t) {
    tell("removed", t);
    if (t.type() == ToxicType.DOWN && !toxics.has(ToxicType.DOWN)) {
      comeUp(); // throws if the port was taken meanwhile: the toxic is gone, the proxy says why it
      // cannot listen
    }
  }

  private void goDown() {
    synchronized (listenLock) {
      closeServer();
    }
    live.forEach(ProxyConnection::reset);
  }

  private void comeUp() {
    synchronized (listenLock) {
      if (server == null && !closed && !toxics.has(ToxicType.DOWN)) {
        listen(bound);
      }
    }
  }

  private void closeServer() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // closing a listener is best effort
      }
      server = null;
      // The JDK closes a listener that a thread is blocked on only once that thread has left
      // accept: until then
      // the kernel still completes new connections. Wait for it, so "down" refuses connects when
      // add() returns.
      Thread t = acceptThread;
      acceptThread = null;
      if (t != null && t != Thread.currentThread()) {
        boolean interrupted = Thread.interrupted();
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          interrupted = true;
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  private void tell(String event, Toxic t) {
    for (Listener l : listeners) {
      l.toxic(name, event, t);
    }
  }

  void forget(ProxyConnection c) {
    live.remove(c);
  }

  /**
   * Stops listening and resets every live connection. Toxics are left as they were (see {@link
   * #clear}).
   */
  @Override
  public void close() {
    closed = true;
    synchronized (listenLock) {
      closeServer();
    }
    live.forEach(ProxyConnection::reset);
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "proxy " + name + " " + bound + " -> " + upstreams + (tls == null ? "" : " (TLS)");
  }
}
