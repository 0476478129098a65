package io.augur.chaos.exec.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies one direction of a connection, chunk by chunk through one fixed buffer, applying the
 * toxics active for that direction to each chunk: corruption, then latency, then a reset once the
 * byte limit is reached, then the bandwidth cap. Every wait ends early when the toxics change, so a
 * removed toxic stops acting on the data it was holding.
 */
final class Pump implements Runnable {
  static final int CHUNK = 16 * 1024;

  /** Bandwidth is paced in slices of this many milliseconds' worth of bytes. */
  private static final long SLICE_MS = 50;

  private final ProxyConnection conn;
  private final boolean upstream;
  private final InputStream in;
  private final OutputStream out;
  private final Toxics toxics;
  private final byte[] buf = new byte[CHUNK];
  private final Map<Toxic, SplittableRandom> corruption = new HashMap<>();
  private long nextFreeNanos;

  Pump(ProxyConnection conn, boolean upstream, InputStream in, OutputStream out, Toxics toxics) {
    this.conn = conn;
    this.upstream = upstream;
    this.in = in;
    this.out = out;
    this.toxics = toxics;
  }

  @Override
  public void run() {
    try {
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          slowClose();
          conn.halfClose(upstream);
          return;
        }
        if (n > 0 && !forward(n, System.nanoTime())) {
          return;
        }
      }
    } catch (IOException e) {
      conn.close(); // the other side went away or the connection was reset: end both directions
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      conn.close();
    }
  }

  /** Forwards {@code buf[0..n)}; false when the connection was reset on the way. */
  private boolean forward(int n, long arrivedNanos) throws IOException, InterruptedException {
    List<Toxic> now = toxics.snapshot();
    for (Toxic t : now) {
      if (t.type() == ToxicType.CORRUPTION && t.acts(upstream)) {
        corrupt(t, n);
      }
    }
    corruption.keySet().retainAll(now);
    delay(arrivedNanos);
    int allowed = n;
    for (Toxic t : toxics.snapshot()) {
      if (t.type() == ToxicType.RESET_PEER && t.acts(upstream)) {
        allowed = (int) Math.min(allowed, conn.bytesBeforeReset(t, n));
      }
    }
    write(allowed);
    if (allowed < n || conn.resetDue()) {
      conn.reset();
      return false;
    }
    return true;
  }

  private void corrupt(Toxic t, int n) {
    SplittableRandom rnd =
        corruption.computeIfAbsent(t, k -> new SplittableRandom(k.longAttr("seed")));
    double share = t.doubleAttr("share");
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < share) {
        buf[i] ^= (byte) (1 << rnd.nextInt(8));
      }
    }
  }

  /**
   * Holds the chunk until {@code arrived} + the sum of the active latencies (each with its jitter).
   */
  private void delay(long arrivedNanos) throws InterruptedException, IOException {
    Map<String, Long> jitter = new HashMap<>(2);
    while (true) {
      long seen = toxics.version();
      long delayMs = 0;
      for (Toxic t : toxics.snapshot()) {
        if (t.type() == ToxicType.LATENCY && t.acts(upstream)) {
          long j = t.longAttr("jitter");
          long draw =
              jitter.computeIfAbsent(
                  t.name(), k -> j == 0 ? 0 : ThreadLocalRandom.current().nextLong(-j, j + 1));
          delayMs += Math.max(0, t.longAttr("latency") + Math.max(-j, Math.min(j, draw)));
        }
      }
      long left = arrivedNanos + delayMs * 1_000_000 - System.nanoTime();
      if (delayMs == 0 || left <= 0) {
        return;
      }
      await(seen, left);
    }
  }

  /** Writes {@code buf[0..n)}, paced by the lowest active bandwidth. */
  private void write(int n) throws IOException, InterruptedException {
    int off = 0;
    while (off < n) {
      long rate = rate();
      if (rate <= 0) {
        out.write(buf, off, n - off);
        break;
      }
      int slice = (int) Math.max(1, Math.min(n - off, rate * SLICE_MS / 1000));
      long seen = toxics.version();
      long wait = nextFreeNanos - System.nanoTime();
      if (wait > 0) {
        await(seen, wait);
        continue; // re-read the rate: the toxic may be gone or changed
      }
      out.write(buf, off, slice);
      out.flush();
      nextFreeNanos = Math.max(nextFreeNanos, System.nanoTime()) + slice * 1_000_000_000L / rate;
      off += slice;
    }
    out.flush();
  }

  /** Waits for a toxic change or the time; a connection closed meanwhile ends the pump. */
  private void await(long seen, long nanos) throws InterruptedException, IOException {
    toxics.awaitChange(seen, nanos, conn::isClosed);
    if (conn.isClosed()) {
      throw new IOException("connection closed while held back by a toxic");
    }
  }

  private long rate() {
    long rate = 0;
    for (Toxic t : toxics.snapshot()) {
      if (t.type() == ToxicType.BANDWIDTH && t.acts(upstream)) {
        rate = rate == 0 ? t.longAttr("rate") : Math.min(rate, t.longAttr("rate"));
      }
    }
    return rate;
  }

  /** On end of stream: hold the close back for the longest active slow_close delay. */
  private void slowClose() throws InterruptedException, IOException {
    long start = System.nanoTime();
    while (true) {
      long seen = toxics.version();
      long delayMs = 0;
      for (Toxic t : toxics.snapshot()) {
        if (t.type() == ToxicType.SLOW_CLOSE && t.acts(upstream)) {
          delayMs = Math.max(delayMs, t.longAttr("delay"));
        }
      }
      long left = start + delayMs * 1_000_000 - System.nanoTime();
      if (left <= 0) {
        return;
      }
      await(seen, left);
    }
  }
}
