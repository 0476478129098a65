package io.augur.chaos.exec.proxy;

import java.util.Arrays;
import java.util.Locale;

/** Which direction of a connection a toxic acts on, named as toxiproxy names them. */
public enum ToxicStream {
  /** Client to upstream (requests, writes into the target). */
  UPSTREAM,
  /** Upstream to client (responses). */
  DOWNSTREAM,
  BOTH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a toxic on this stream acts on data flowing {@code upstream} (true) or downstream. */
  public boolean covers(boolean upstream) {
    return this == BOTH || (this == UPSTREAM) == upstream;
  }

  public static ToxicStream fromId(String where, String id) {
    String norm = id == null ? "" : id.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(s -> s.name().equals(norm))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where
                        + " stream must be one of "
                        + Arrays.stream(values()).map(ToxicStream::id).toList()
                        + ", got \""
                        + id
                        + "\""));
  }
}
