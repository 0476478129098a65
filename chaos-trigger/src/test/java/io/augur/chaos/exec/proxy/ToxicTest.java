package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A toxic's validation and its JSON shape, without sockets. */
class ToxicTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldFillDefaultsAndRoundTripThroughJson() throws Exception {
    Toxic t = Toxic.of("lat", ToxicType.LATENCY, null, Map.of("latency", 200));
    assertEquals(ToxicStream.DOWNSTREAM, t.stream());
    assertEquals(Map.of("latency", 200L, "jitter", 0L), t.attributes());
    assertEquals(t, Toxic.fromJson(JSON.readTree(t.toJson().toString())));
    Toxic flip =
        Toxic.fromJson(
            JSON.readTree(
                "{\"type\":\"corruption\",\"stream\":\"both\",\"attributes\":{\"share\":0.25}}"));
    assertEquals("corruption_both", flip.name(), "toxiproxy's default name: type_stream");
    assertEquals(0.25, flip.doubleAttr("share"));
    assertEquals(0L, flip.longAttr("seed"));
    assertEquals(
        ToxicType.RESET_PEER,
        ToxicType.fromId("reset-peer"),
        "a hyphen is as good as an underscore");
  }

  @Test
  void shouldRefuseValuesOutOfRangeNamingTheToxicAndAttribute() {
    assertMessage(
        "toxic b (bandwidth) attribute rate must be in 1..1000000000000, got 0",
        () -> Toxic.of("b", ToxicType.BANDWIDTH, null, Map.of("rate", 0)));
    assertMessage(
        "toxic c (corruption) attribute share must be in 0.0..1.0, got 1.5",
        () -> Toxic.of("c", ToxicType.CORRUPTION, null, Map.of("share", 1.5)));
    assertMessage(
        "toxic l (latency) attribute latency must be a whole number, got 2.5",
        () -> Toxic.of("l", ToxicType.LATENCY, null, Map.of("latency", 2.5)));
    assertEquals(
        3L, Toxic.of("l", ToxicType.LATENCY, null, Map.of("latency", 3.0)).longAttr("latency"));
    assertMessage(
        "toxic h (http_status) attribute code must be in 400..599, got 200",
        () -> Toxic.of("h", ToxicType.HTTP_STATUS, null, Map.of("code", 200)));
    assertMessage(
        "toxic s (slow_close) needs attribute delay (0..3600000)",
        () -> Toxic.of("s", ToxicType.SLOW_CLOSE, null, Map.of()));
    assertMessage(
        "toxic attribute x must be a number",
        () ->
            Toxic.fromJson(
                JSON.readTree(
                    "{\"name\":\"toxic\",\"type\":\"latency\",\"attributes\":{\"x\":123456789012345678901234567890}}")));
  }

  @Test
  void shouldParseHostPortsOrSayWhatIsWrong() {
    assertEquals(new HostPort("127.0.0.1", 8474), HostPort.parse("--control", "127.0.0.1:8474"));
    assertEquals(new HostPort("::1", 80), HostPort.parse("--listen", "[::1]:80"));
    assertEquals("[::1]:80", new HostPort("::1", 80).toString());
    assertMessage("--upstream must be HOST:PORT", () -> HostPort.parse("--upstream", "localhost"));
    assertMessage(
        "--upstream port must be a number 0..65535, got \"h:x\"",
        () -> HostPort.parse("--upstream", "h:x"));
    assertMessage(
        "--upstream: port must be 0..65535, got 70000",
        () -> HostPort.parse("--upstream", "h:70000"));
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertMessage(String message, Call c) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
    assertTrue(
        e.getMessage().contains(message),
        "expected \"" + message + "\" in \"" + e.getMessage() + "\"");
  }
}
