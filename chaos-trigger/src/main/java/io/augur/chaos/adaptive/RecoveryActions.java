package io.augur.chaos.adaptive;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Carries out recovery strategies for one executor. {@link #plan} says which calls or commands a
 * strategy would make, without making them (the dry run); {@link #perform} makes them.
 */
public interface RecoveryActions extends AutoCloseable {
  /** {@code local} or {@code kubernetes}. */
  String name();

  /**
   * Why {@code strategy} cannot be carried out for {@code failure}'s service here, if it cannot.
   */
  Optional<String> unsupported(Strategy strategy, Failure failure);

  /** What {@link #perform} would do, one line per process start, proxy change or API call. */
  List<String> plan(Strategy strategy, Failure failure);

  /**
   * Carries out the strategy.
   *
   * @throws RecoveryActionException when it cannot be carried out (the attempt failed)
   */
  Performed perform(Strategy strategy, Failure failure) throws InterruptedException;

  /**
   * What an action did.
   *
   * @param hopeless tells the measurement to stop waiting early: e.g. every process started has
   *     exited
   */
  record Performed(List<String> done, BooleanSupplier hopeless) {
    public Performed {
      done = List.copyOf(done);
      hopeless = hopeless == null ? () -> false : hopeless;
    }
  }

  @Override
  default void close() {}

  /** A strategy that could not be carried out, naming what failed. */
  final class RecoveryActionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecoveryActionException(String message, Throwable cause) {
      super(message, cause);
    }

    public RecoveryActionException(String message) {
      super(message);
    }
  }
}
