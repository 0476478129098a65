package io.augur.job.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkStateTest {
  @Test
  void shouldRoundTripBufferedAlertsThroughWriterState() throws Exception {
    AlertLifecycle l = AlertLifecycle.defaults("http://augur/");
    l.onAlert(Alerts.firing("a/a:1", Severity.HIGH, 1000), 1000);
    l.onAlert(Alerts.resolved("b/b:1", Severity.MEDIUM, 1000, 5000), 6000);
    List<AmAlert> state = l.snapshot();
    AlertmanagerSink.StateSerializer s = new AlertmanagerSink.StateSerializer();
    assertEquals(state, s.deserialize(1, s.serialize(state)));
    assertEquals(2, state.size());
  }
}
