package io.augur.chaos.exec.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The toxics active on one proxy, in the order they were added. Readers take an immutable snapshot
 * per chunk; a writer's change wakes every waiting connection at once, so removing a latency toxic
 * releases the data it was holding back immediately.
 */
final class Toxics {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile List<Toxic> active = List.of();
  private volatile long version;

  List<Toxic> snapshot() {
    return active;
  }

  /**
   * Bumped on every change; pass it to {@link #awaitChange} so a change in between is not missed.
   */
  long version() {
    return version;
  }

  Optional<Toxic> get(String name) {
    return active.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  boolean has(ToxicType type) {
    return active.stream().anyMatch(t -> t.type() == type);
  }

  /** Adds a toxic; false when one of that name is already active. */
  boolean add(Toxic t) {
    lock.lock();
    try {
      if (get(t.name()).isPresent()) {
        return false;
      }
      List<Toxic> next = new ArrayList<>(active);
      next.add(t);
      publish(next);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the toxic of the same name; false when there is none. */
  boolean replace(Toxic t) {
    lock.lock();
    try {
      List<Toxic> next = new ArrayList<>(active);
      for (int i = 0; i < next.size(); i++) {
        if (next.get(i).name().equals(t.name())) {
          next.set(i, t);
          publish(next);
          return true;
        }
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Removes the named toxic, returning it, or empty when it is not active. */
  Optional<Toxic> remove(String name) {
    lock.lock();
    try {
      Optional<Toxic> t = get(name);
      if (t.isPresent()) {
        List<Toxic> next = new ArrayList<>(active);
        next.remove(t.get());
        publish(next);
      }
      return t;
    } finally {
      lock.unlock();
    }
  }

  /** Removes every toxic, returning what was active. */
  List<Toxic> clear() {
    lock.lock();
    try {
      List<Toxic> was = active;
      publish(List.of());
      return was;
    } finally {
      lock.unlock();
    }
  }

  private void publish(List<Toxic> next) {
    active = List.copyOf(next);
    version++;
    changed.signalAll();
  }

  /**
   * Waits up to {@code nanos}, or until the toxics differ from version {@code seen}, whichever
   * comes first, or until {@code stop} holds after a {@link #wake}; callers re-read the snapshot
   * afterwards. Used for latency, bandwidth and slow-close waits.
   */
  void awaitChange(long seen, long nanos, BooleanSupplier stop) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (version == seen && left > 0 && !stop.getAsBoolean()) {
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes every waiter without a change, so the waits of a closed connection end (they check {@code
   * stop}).
   */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
