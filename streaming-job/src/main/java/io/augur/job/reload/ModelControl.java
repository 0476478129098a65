package io.augur.job.reload;

import io.augur.domain.DeadLetter;

/**
 * One element of the model-reload control stream: an announcement, the refusal of a bad bundle, or
 * (both null) a heartbeat from a polling source with nothing new.
 */
public record ModelControl(ModelAnnouncement announcement, DeadLetter refusal) {
  public static final ModelControl HEARTBEAT = new ModelControl(null, null);

  public ModelControl {
    if (announcement != null && refusal != null) {
      throw new IllegalArgumentException("at most one of announcement and refusal may be set");
    }
  }

  public static ModelControl announce(ModelAnnouncement a) {
    return new ModelControl(a, null);
  }

  public static ModelControl refuse(DeadLetter d) {
    return new ModelControl(null, d);
  }
}
