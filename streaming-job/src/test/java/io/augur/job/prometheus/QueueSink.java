package io.augur.job.prometheus;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Collects a MiniCluster job's output into a named in-JVM queue (tests only). */
public final class QueueSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

  private final String name;

  public QueueSink(String name) {
    this.name = name;
    QUEUES.put(name, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  public Queue<T> queue() {
    return (Queue<T>) (Queue<?>) QUEUES.get(name);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> q = QUEUES.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        q.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
