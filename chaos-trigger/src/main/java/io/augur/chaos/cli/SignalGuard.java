package io.augur.chaos.cli;

import io.augur.domain.Checks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a run is in progress, SIGTERM or SIGINT (the JVM's shutdown) interrupts the thread running
 * the engine, which ends the watch, reverts and records the fault; the hook waits for that (at most
 * {@code grace}) before letting the JVM exit. After {@code grace} the JVM exits regardless and the
 * journal keeps the fault for the next run's reaper.
 */
final class SignalGuard implements AutoCloseable {
  private final Thread worker;
  private final Duration grace;
  private final PrintWriter err;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean stopping;

  SignalGuard(Thread worker, Duration grace, PrintWriter err) {
    this.worker = Checks.nonNull("worker", worker);
    this.grace = Checks.nonNull("grace", grace);
    this.err = Checks.nonNull("err", err);
    this.hook = new Thread(this::onShutdown, "augur-chaos-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether a signal asked the run to stop: start nothing new. */
  boolean stopping() {
    return stopping;
  }

  private void onShutdown() {
    stopping = true;
    err.println(
        "chaos run: stopping on signal: reverting the active fault (waiting up to "
            + grace.toSeconds()
            + "s)");
    err.flush();
    worker.interrupt();
    try {
      if (!done.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        err.println(
            "chaos run: not done after "
                + grace.toSeconds()
                + "s; what is still applied stays in the journal "
                + "and the next augur chaos run reverts it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.flush();
  }

  /**
   * The run is over (reverted and recorded): the hook may let the JVM exit; the hook is removed.
   */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; the hook is running and sees done
    }
  }
}
