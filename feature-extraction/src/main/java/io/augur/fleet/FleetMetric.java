package io.augur.fleet;

/** The ten metrics every simulated service exports, named as their exporters would name them. */
public enum FleetMetric {
  CPU("process_cpu_usage_ratio", false),
  MEMORY("process_resident_memory_bytes", false),
  DISK("node_filesystem_usage_ratio", false),
  LATENCY_P99("http_request_duration_p99_seconds", false),
  REQUESTS_TOTAL("http_requests_total", true),
  ERRORS_TOTAL("http_request_errors_total", true),
  POOL_ACTIVE("db_pool_active_connections", false),
  POOL_PENDING("db_pool_pending_requests", false),
  GC_PAUSE_RATIO("jvm_gc_pause_ratio", false),
  OPEN_FDS("process_open_fds", false);

  /** The memory limit a leaking service hits (2 GiB). */
  public static final double MEMORY_LIMIT_BYTES = 2.0 * 1024 * 1024 * 1024;

  public static final double POOL_MAX = 50;

  private final String metricName;
  private final boolean counter;

  FleetMetric(String metricName, boolean counter) {
    this.metricName = metricName;
    this.counter = counter;
  }

  public String metricName() {
    return metricName;
  }

  public boolean counter() {
    return counter;
  }
}
