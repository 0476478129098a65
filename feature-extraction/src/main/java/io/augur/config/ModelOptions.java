package io.augur.config;

import static io.augur.config.ConfigOptions.key;

import java.util.List;

/** {@code model.*}: what the job scores with. */
public final class ModelOptions {
  private ModelOptions() {}

  public static final ConfigOption<String> BUNDLE =
      key("model.bundle")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withFlag("--bundle")
          .withDescription(
              "A model bundle directory written by augur train; the job computes the features it was "
                  + "trained on. Unset: the walking skeleton's EWMA scorer.");
  public static final ConfigOption<String> WATCH =
      key("model.watch")
          .stringType()
          .noDefaultValue()
          .withValidator(Validator.nonBlank())
          .withFlag("--model-watch-dir")
          .withDescription(
              "A directory of bundle directories; the newest good one replaces the model without a "
                  + "restart (hot reload).");
  public static final ConfigOption<Integer> MAX_BATCH =
      key("model.maxBatch")
          .intType()
          .defaultValue(512)
          .withValidator(Validator.atLeast(1))
          .withDescription("The most windows the scorer buffers before it scores them.");

  public static final List<ConfigOption<?>> ALL = List.of(BUNDLE, WATCH, MAX_BATCH);
}
