package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteReadClientTest {
  private static final ReadQuery QUERY =
      new ReadQuery(0, 10_000, List.of(LabelMatcher.eq("__name__", "up")));
  private static final RemoteSeries UP =
      new RemoteSeries(
          Map.of("__name__", "up", "job", "x"), new long[] {1000, 2000}, new double[] {1, 1});

  private final List<Duration> slept = new ArrayList<>();

  private RemoteReadClient client(FakeReadServer s, HttpSettings settings) {
    return new RemoteReadClient(
        s.url(),
        settings,
        true,
        slept::add,
        java.util.random.RandomGenerator.of("L64X128MixRandom"));
  }

  private static HttpSettings fast() {
    return HttpSettings.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400))
        .withRetries(3, Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  @Test
  void shouldReadSamplesResponse() throws Exception {
    try (FakeReadServer s =
        new FakeReadServer((ex, n) -> FakeReadServer.samples(ex, List.of(UP)))) {
      assertEquals(List.of(UP), client(s, fast()).read(QUERY));
      byte[] req = Snappy.uncompress(s.bodies.get(0));
      assertTrue(req.length > 10, "the request body is a snappy-compressed ReadRequest");
    }
  }

  @Test
  void shouldNotRetryClientError() {
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) ->
                FakeReadServer.respond(
                    ex, 400, "text/plain", "bad matcher".getBytes(StandardCharsets.UTF_8)))) {
      RemoteReadException e =
          assertThrows(RemoteReadException.class, () -> client(s, fast()).read(QUERY));
      assertEquals(RemoteReadException.Kind.CLIENT_ERROR, e.kind());
      assertEquals(400, e.status());
      assertEquals(1, s.requests.get());
      assertTrue(e.getMessage().contains("bad matcher"), e.getMessage());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldRetryServerErrorWithGrowingBackoffThenGiveUp() throws Exception {
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) ->
                FakeReadServer.respond(
                    ex, 503, "text/plain", "overloaded".getBytes(StandardCharsets.UTF_8)))) {
      RemoteReadException e =
          assertThrows(RemoteReadException.class, () -> client(s, fast()).read(QUERY));
      assertEquals(RemoteReadException.Kind.SERVER_ERROR, e.kind());
      assertEquals(3, s.requests.get());
      assertEquals(3, e.attempts());
      assertEquals(2, slept.size());
      assertTrue(
          slept.get(0).toMillis() >= 50 && slept.get(0).toMillis() <= 100,
          "first delay in [50,100] ms: " + slept);
      assertTrue(
          slept.get(1).toMillis() >= 100 && slept.get(1).toMillis() <= 200,
          "second delay in [100,200] ms: " + slept);
    }
  }

  @Test
  void shouldRecoverWhenServerComesBack() throws Exception {
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) -> {
              if (n < 3) {
                FakeReadServer.respond(ex, 502, "text/plain", new byte[0]);
              } else {
                FakeReadServer.samples(ex, List.of(UP));
              }
            })) {
      assertEquals(List.of(UP), client(s, fast()).read(QUERY));
    }
  }

  @Test
  void shouldReportTruncatedSnappyAsMalformed() throws Exception {
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) -> {
              byte[] full =
                  Snappy.compress(RemoteReadCodec.encodeReadResponse(List.of(List.of(UP))));
              ex.getResponseHeaders().set("Content-Encoding", "snappy");
              FakeReadServer.respond(
                  ex, 200, "application/x-protobuf", Arrays.copyOf(full, full.length / 2));
            })) {
      RemoteReadException e =
          assertThrows(RemoteReadException.class, () -> client(s, fast()).read(QUERY));
      assertEquals(RemoteReadException.Kind.MALFORMED, e.kind());
      assertEquals(3, s.requests.get(), "a garbled body may be transient: retried");
    }
  }

  @Test
  void shouldReportBadFrameCrcAsMalformed() throws Exception {
    byte[] chunk = XorChunk.encode(new long[] {1000, 2000}, new double[] {1, 1});
    byte[] frame =
        ChunkedFrames.frame(
            RemoteReadCodec.encodeChunkedResponse(
                new RemoteReadCodec.ChunkedResponse(
                    List.of(
                        new RemoteReadCodec.ChunkedSeries(
                            UP.labels(), List.of(new RemoteReadCodec.Chunk(1000, 2000, 1, chunk)))),
                    0)));
    frame[frame.length - 1] ^= 1;
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) ->
                FakeReadServer.respond(
                    ex,
                    200,
                    "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse",
                    frame))) {
      RemoteReadException e =
          assertThrows(RemoteReadException.class, () -> client(s, fast()).read(QUERY));
      assertEquals(RemoteReadException.Kind.MALFORMED, e.kind());
      assertTrue(e.getMessage().contains("CRC32C mismatch"), e.getMessage());
    }
  }

  @Test
  void shouldTimeOutOnHungServer() throws Exception {
    try (FakeReadServer s =
        new FakeReadServer(
            (ex, n) -> {
              ex.getResponseHeaders().set("Content-Type", "application/x-streamed-protobuf");
              ex.sendResponseHeaders(200, 0);
              ex.getResponseBody().write(new byte[] {5});
              ex.getResponseBody().flush();
              Thread.sleep(5_000); // headers sent, body never completes
            })) {
      long t0 = System.nanoTime();
      RemoteReadException e =
          assertThrows(
              RemoteReadException.class,
              () ->
                  client(s, fast().withRetries(1, Backoff.of(Duration.ZERO, Duration.ZERO)))
                      .read(QUERY));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(RemoteReadException.Kind.TIMEOUT, e.kind());
      assertTrue(ms < 2_000, "gave up after " + ms + " ms, timeout is 400 ms");
    }
  }

  @Test
  void shouldSendBasicAuthAndBearerToken() throws Exception {
    try (FakeReadServer s = new FakeReadServer((ex, n) -> FakeReadServer.samples(ex, List.of()))) {
      client(s, fast().withBasicAuth("augur", "s3cret")).read(QUERY);
      client(s, fast().withBearerToken("tok-1")).read(QUERY);
      assertEquals(List.of("Basic YXVndXI6czNjcmV0", "Bearer tok-1"), s.authorizations);
    }
  }

  @Test
  void shouldReportConnectionRefusedAsRetryableIo() throws Exception {
    String url;
    try (FakeReadServer s = new FakeReadServer((ex, n) -> {})) {
      url = s.url();
    }
    RemoteReadClient c =
        new RemoteReadClient(
            url, fast(), true, slept::add, java.util.random.RandomGenerator.of("L64X128MixRandom"));
    RemoteReadException e = assertThrows(RemoteReadException.class, () -> c.read(QUERY));
    assertEquals(RemoteReadException.Kind.IO, e.kind());
    assertEquals(3, e.attempts());
  }
}
