package io.augur.job.alertmanager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.FailureAlert;
import io.augur.json.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink Sink V2 sending {@link FailureAlert} transitions to Alertmanager's v2 API. The writer keeps
 * every active and recently resolved alert (bounded) in checkpointed writer state, repeats active
 * ones, and retries each Alertmanager with backoff, so an outage of minutes (or a job restart)
 * loses no alert. Run it at parallelism 1 (alerts are few); a restore merges the states of all
 * subtasks.
 */
public final class AlertmanagerSink
    implements Sink<FailureAlert>, SupportsWriterState<FailureAlert, List<AmAlert>> {
  private static final long serialVersionUID = 1L;

  private final AlertmanagerSinkConfig config;

  public AlertmanagerSink(AlertmanagerSinkConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  @Override
  public StatefulSinkWriter<FailureAlert, List<AmAlert>> createWriter(WriterInitContext context) {
    return new AlertmanagerSinkWriter(
        config, context.getProcessingTimeService(), List.of(), context.metricGroup());
  }

  @Override
  public StatefulSinkWriter<FailureAlert, List<AmAlert>> restoreWriter(
      WriterInitContext context, Collection<List<AmAlert>> states) {
    List<AmAlert> all = new ArrayList<>();
    states.forEach(all::addAll);
    return new AlertmanagerSinkWriter(
        config, context.getProcessingTimeService(), all, context.metricGroup());
  }

  @Override
  public SimpleVersionedSerializer<List<AmAlert>> getWriterStateSerializer() {
    return new StateSerializer();
  }

  /**
   * Writer state format 1: JSON array of {labels, annotations, startsAtMs, endsAtMs, generatorUrl}.
   */
  static final class StateSerializer implements SimpleVersionedSerializer<List<AmAlert>> {
    private static final ObjectMapper JSON = Wire.RECORDS;

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<AmAlert> alerts) throws IOException {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AmAlert a : alerts) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("labels", a.labels());
        m.put("annotations", a.annotations());
        m.put("startsAtMs", a.startsAtMs());
        m.put("endsAtMs", a.endsAtMs());
        m.put("generatorUrl", a.generatorUrl());
        rows.add(m);
      }
      return JSON.writeValueAsBytes(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AmAlert> deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown Alertmanager writer state version " + version);
      }
      List<Map<String, Object>> rows = JSON.readValue(bytes, new TypeReference<>() {});
      List<AmAlert> out = new ArrayList<>();
      for (Map<String, Object> m : rows) {
        Object ends = m.get("endsAtMs");
        out.add(
            new AmAlert(
                (Map<String, String>) m.get("labels"),
                (Map<String, String>) m.get("annotations"),
                ((Number) m.get("startsAtMs")).longValue(),
                ends == null ? null : ((Number) ends).longValue(),
                (String) m.get("generatorUrl")));
      }
      return out;
    }
  }
}
