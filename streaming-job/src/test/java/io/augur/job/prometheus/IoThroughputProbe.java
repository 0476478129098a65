package io.augur.job.prometheus;

import io.augur.domain.MetricSample;
import io.augur.ingest.PrometheusJson;
import io.augur.job.kafka.SampleRecordDeserializer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput figures for docs/benchmarks/io.md (not a test; run by hand, see that file): XOR chunk
 * decoding, streamed-body decoding, the Kafka JSON deserializer, and remote read end to end against
 * Debian's Prometheus. Medians of 3 runs after a warm-up.
 */
public final class IoThroughputProbe {
  private IoThroughputProbe() {}

  interface Run {
    long run() throws Exception; // returns items processed
  }

  static double rate(String what, Run r) throws Exception {
    r.run(); // warm-up
    double[] rates = new double[3];
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      long n = r.run();
      rates[i] = n / ((System.nanoTime() - t0) / 1e9);
    }
    java.util.Arrays.sort(rates);
    System.out.printf("%-58s %,14.0f /s%n", what, rates[1]);
    return rates[1];
  }

  public static void main(String[] args) throws Exception {
    int n = 120;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_764_180_000_000L + i * 15_000L + (i % 7 == 0 ? 3 : 0);
      vs[i] = 100 + Math.sin(i / 5.0) * 20;
    }
    byte[] chunk = XorChunk.encode(ts, vs);
    rate(
        "XOR chunk decode (120-sample chunks), samples",
        () -> {
          long c = 0;
          for (int k = 0; k < 20_000; k++) {
            c += XorChunk.decode(chunk).timestamps().length;
          }
          return c;
        });
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int s = 0; s < 1000; s++) {
      var cs =
          new RemoteReadCodec.ChunkedSeries(
              Map.of("__name__", "m", "instance", "i-" + s, "job", "j"),
              List.of(new RemoteReadCodec.Chunk(ts[0], ts[n - 1], 1, chunk)));
      body.write(
          ChunkedFrames.frame(
              RemoteReadCodec.encodeChunkedResponse(
                  new RemoteReadCodec.ChunkedResponse(List.of(cs), 0))));
    }
    byte[] streamed = body.toByteArray();
    rate(
        "streamed body decode (frames+CRC32C+protobuf+XOR), samples",
        () -> {
          long c = 0;
          for (int k = 0; k < 10; k++) {
            for (RemoteSeries s :
                ChunkedFrames.decodeSeries(streamed, 0, Long.MAX_VALUE, 1 << 20)) {
              c += s.size();
            }
          }
          return c;
        });
    byte[] json =
        PrometheusJson.format(
                new MetricSample(
                    "node_load1",
                    Map.of("instance", "127.0.0.1:9100", "job", "node"),
                    1_764_180_600_000L,
                    0.41))
            .getBytes(StandardCharsets.UTF_8);
    SampleRecordDeserializer d = new SampleRecordDeserializer();
    rate(
        "Kafka adapter-JSON deserializer (UTF-8 check + parse), records",
        () -> {
          long c = 0;
          for (int k = 0; k < 500_000; k++) {
            c += d.parse(json, "t/0@0", 0).isSample() ? 1 : 0;
          }
          return c;
        });
    if (args.length > 0) {
      String url = args[0];
      // push 200 series x 2000 samples (1 s apart) through remote write first (see io.md)
      long end = (System.currentTimeMillis() / 1000) * 1000 - 60_000;
      List<RemoteSeries> pushed = new ArrayList<>();
      for (int s = 0; s < 200; s++) {
        long[] t = new long[2000];
        double[] v = new double[2000];
        for (int i = 0; i < 2000; i++) {
          t[i] = end - (1999 - i) * 1000L;
          v[i] = s * 10 + Math.sin(i / 30.0);
        }
        pushed.add(
            new RemoteSeries(
                Map.of("__name__", "augur_probe", "instance", "i-" + s, "job", "probe"), t, v));
      }
      java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/write"))
                  .header("Content-Encoding", "snappy")
                  .header("Content-Type", "application/x-protobuf")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                          org.xerial.snappy.Snappy.compress(
                              RemoteReadCodec.encodeWriteRequest(pushed))))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
      ReadQuery q =
          new ReadQuery(end - 1_999_000, end, List.of(LabelMatcher.eq("__name__", "augur_probe")));
      for (boolean streamedType : List.of(true, false)) {
        RemoteReadClient c = new RemoteReadClient(url, HttpSettings.defaults(), streamedType);
        rate(
            "remote read end to end, "
                + (streamedType ? "STREAMED_XOR_CHUNKS" : "SAMPLES")
                + ", samples",
            () -> {
              long total = 0;
              for (RemoteSeries s : c.read(q)) {
                total += s.size();
              }
              if (total != 400_000) {
                throw new IllegalStateException("read " + total + " samples, pushed 400000");
              }
              return total;
            });
      }
    }
  }
}
