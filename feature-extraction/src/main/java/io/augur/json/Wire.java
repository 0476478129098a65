package io.augur.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * The JSON and YAML set-ups Augur uses, one per kind of wire format, so every reader of a format
 * has the same unknown-field policy and every writer the same layout. Each mapper is configured
 * once here and never changed afterwards (Jackson mappers are then safe to share between threads).
 *
 * <ul>
 *   <li>{@link #RECORDS}: Augur's own records on the wire and in its logs (alerts, predictions,
 *       dead letters, plans, outcomes, labels, the fault journal, Kafka payloads, control
 *       messages). Compact, one record per line where written as JSON lines; fields a reader does
 *       not know are ignored, so a log written by a newer Augur stays readable by an older one.
 *   <li>{@link #EXTERNAL}: responses of other systems' APIs (Prometheus, Alertmanager, the fault
 *       proxy's control API). Unknown fields are ignored: those APIs add fields between versions.
 *   <li>{@link #REPORTS}: files written for people and notebooks (run summaries, evaluation,
 *       recovery and game-day reports). Indented; a non-finite number is written as {@code null},
 *       because JSON has no NaN and notebooks must be able to load every report.
 *   <li>{@link #USER_YAML}: files a user writes (targets, requirements, configuration). A field
 *       that is not known fails, naming it: a typo must not silently fall back to a default.
 * </ul>
 *
 * <p>Two formats keep their own set-up beside their code, because their layout is part of the
 * format: the model bundle's manifest ({@code io.augur.models.Json}: sorted keys, so checksums are
 * stable) and the plan file ({@code io.augur.chaos.planfile.PlanFile}: quoting rules).
 */
public final class Wire {
  public static final ObjectMapper RECORDS =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static final ObjectMapper EXTERNAL =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static final ObjectMapper REPORTS =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule("augur-reports")
                  .addSerializer(Double.class, new FiniteOrNull())
                  .addSerializer(double.class, new FiniteOrNull()));

  public static final ObjectMapper USER_YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Wire() {}

  /** {@code value} as one line of {@link #RECORDS} JSON. */
  public static String record(Object value) {
    try {
      return RECORDS.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static final class FiniteOrNull extends JsonSerializer<Double> {
    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || !Double.isFinite(v)) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
  }
}
