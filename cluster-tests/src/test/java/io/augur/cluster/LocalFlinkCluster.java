package io.augur.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster on 127.0.0.1 from Maven's Flink jars: a JobManager and
 * TaskManagers, each its own JVM, with dynamic ports, RocksDB incremental checkpoints to a local
 * directory and a fixed-delay restart strategy. Jobs are submitted through the REST API (jar upload
 * + run), TaskManagers can be SIGKILLed and replaced, jobs stopped with a savepoint and resumed
 * from one. Every process it started is killed on {@link #close()} and, should the test JVM end
 * first, by a shutdown hook.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";

  private final Path dir;
  private final Path conf;
  private final Path logs;
  private final int slotsPerTaskManager;
  private final String classpath;
  private final List<String> jvmFlags;
  private final int restPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Process> taskManagers = new LinkedHashMap<>();
  private final List<Process> all = new ArrayList<>();
  private final Thread hook = new Thread(this::killAll, "local-flink-cluster-cleanup");
  private Process jobManager;
  private List<String> tmJvmParams;
  private List<String> tmDynamicProps;
  private int nextTm = 1;

  private LocalFlinkCluster(Path dir, int slotsPerTaskManager) throws IOException {
    this.dir = dir;
    this.conf = Files.createDirectories(dir.resolve("conf"));
    this.logs = Files.createDirectories(dir.resolve("log"));
    this.slotsPerTaskManager = slotsPerTaskManager;
    this.classpath = Files.readString(Path.of(required("augur.flinkClasspath"))).trim();
    this.jvmFlags = List.of(System.getProperty("augur.flinkJvmFlags", "").trim().split("\\s+"));
    this.restPort = freePort();
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers under {@code dir} (config, logs,
   * checkpoints, savepoints) and waits until all have registered.
   */
  public static LocalFlinkCluster start(Path dir, int taskManagers, int slotsPerTaskManager)
      throws Exception {
    LocalFlinkCluster c = new LocalFlinkCluster(dir, slotsPerTaskManager);
    Runtime.getRuntime().addShutdownHook(c.hook);
    try {
      c.writeConfig();
      c.startJobManager();
      for (int i = 0; i < taskManagers; i++) {
        c.startTaskManager();
      }
      c.awaitTaskManagers(taskManagers, Duration.ofSeconds(180));
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  /** The REST endpoint, e.g. {@code http://127.0.0.1:38211}. */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public Path dir() {
    return dir;
  }

  /** Where the job's checkpoints go (a {@code file://} URI). */
  public String checkpointUri() {
    return dir.resolve("checkpoints").toUri().toString();
  }

  private void writeConfig() throws IOException {
    int rpcPort = freePort();
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", "127.0.0.1");
    c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    c.put("jobmanager.bind-host", "127.0.0.1");
    c.put("rest.address", "127.0.0.1");
    c.put("rest.bind-address", "127.0.0.1");
    c.put("rest.port", Integer.toString(restPort));
    c.put("taskmanager.host", "127.0.0.1");
    c.put("taskmanager.bind-host", "127.0.0.1");
    c.put("taskmanager.rpc.port", "0");
    c.put("taskmanager.data.port", "0");
    c.put("blob.server.port", "0");
    c.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
    c.put("jobmanager.memory.process.size", "1024m");
    c.put("taskmanager.memory.process.size", "1280m");
    c.put("parallelism.default", "1");
    // a killed TaskManager is noticed within seconds, and the job restarts at once, forever
    c.put("heartbeat.interval", "1000");
    c.put("heartbeat.timeout", "5000");
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", "1000000");
    c.put("restart-strategy.fixed-delay.delay", "500 ms");
    c.put("state.backend.type", "rocksdb");
    c.put("execution.checkpointing.incremental", "true");
    c.put("execution.checkpointing.dir", checkpointUri());
    c.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
    c.put("web.upload.dir", Files.createDirectories(dir.resolve("uploads")).toString());
    c.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
    c.put("classloader.check-leaked-classloader", "false");
    StringBuilder y = new StringBuilder();
    c.forEach((k, v) -> y.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(conf.resolve("config.yaml"), y.toString());
    Files.writeString(
        conf.resolve("log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = FileAppender",
            "appender.file.name = FileAppender",
            "appender.file.type = FILE",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            ""));
  }

  private Process java(String name, List<String> jvm, String main, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags.stream().filter(s -> !s.isBlank()).toList());
    cmd.addAll(jvm);
    cmd.add("-Dlog.file=" + logs.resolve(name + ".log"));
    cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(main);
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".out").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    synchronized (all) {
      all.add(p);
    }
    return p;
  }

  private void startJobManager() throws Exception {
    jobManager =
        java(
            "jobmanager",
            List.of("-Xmx700m", "-Xms256m"),
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            List.of("--configDir", conf.toString()));
    await(
        "the JobManager's REST endpoint at " + restUrl(),
        Duration.ofSeconds(180),
        () -> {
          if (!jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager exited: " + logTail("jobmanager"));
          }
          try {
            get("/overview");
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** Starts one more TaskManager; returns its resource id (as the REST API names it). */
  public synchronized String startTaskManager() throws Exception {
    if (tmJvmParams == null) {
      resolveTaskManagerParams();
    }
    String id = "tm-" + nextTm++;
    List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
    args.addAll(tmDynamicProps);
    args.addAll(List.of("-D", "taskmanager.resource-id=" + id));
    Process p =
        java(id, tmJvmParams, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args);
    taskManagers.put(id, p);
    return id;
  }

  /**
   * The JVM memory flags and dynamic properties Flink's start scripts compute for a TaskManager.
   */
  private void resolveTaskManagerParams() throws Exception {
    Process p =
        java(
            "bash-java-utils",
            List.of("-Xmx128m"),
            "org.apache.flink.runtime.util.bash.BashJavaUtils",
            List.of("GET_TM_RESOURCE_PARAMS", "--configDir", conf.toString()));
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("BashJavaUtils failed: " + logTail("bash-java-utils"));
    }
    List<String> results =
        Files.readAllLines(logs.resolve("bash-java-utils.out")).stream()
            .filter(l -> l.startsWith(EXEC_RESULT))
            .map(l -> l.substring(EXEC_RESULT.length()).trim())
            .toList();
    if (results.size() < 2) {
      throw new IllegalStateException(
          "BashJavaUtils printed no TaskManager parameters: " + logTail("bash-java-utils"));
    }
    tmJvmParams = List.of(results.get(results.size() - 2).split("\\s+"));
    tmDynamicProps = List.of(results.get(results.size() - 1).split("\\s+"));
  }

  /** SIGKILLs a TaskManager; returns once the process is gone. */
  public synchronized void killTaskManager(String id) throws InterruptedException {
    Process p = taskManagers.remove(id);
    if (p == null) {
      throw new IllegalArgumentException("no TaskManager " + id + " (have " + taskManagers + ")");
    }
    p.destroyForcibly(); // SIGKILL on Linux
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("TaskManager " + id + " survived SIGKILL");
    }
  }

  public synchronized Set<String> taskManagerIds() {
    return new LinkedHashSet<>(taskManagers.keySet());
  }

  /** The TaskManagers registered with the JobManager (live ones; a killed one drops out). */
  public Set<String> registeredTaskManagers() throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
      ids.add(tm.path("id").asText());
    }
    return ids;
  }

  public void awaitTaskManagers(int n, Duration timeout) throws Exception {
    await(
        n + " TaskManagers registered",
        timeout,
        () -> {
          Set<String> live = taskManagerIds();
          live.retainAll(registeredTaskManagers());
          return live.size() >= n;
        });
  }

  /** Uploads a job jar ({@code POST /jars/upload}); returns its id on the cluster. */
  public String uploadJar(Path jar) throws IOException, InterruptedException {
    String boundary = "augur-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(jar),
                    HttpRequest.BodyPublishers.ofByteArray(tail)))
            .build();
    JsonNode r = send(req);
    String file = r.path("filename").asText();
    if (!"success".equals(r.path("status").asText()) || file.isEmpty()) {
      throw new IOException("jar upload of " + jar + " failed: " + r);
    }
    return Path.of(file).getFileName().toString();
  }

  /**
   * Runs an uploaded jar ({@code POST /jars/<id>/run}) with {@code args}, from {@code savepoint}
   * when not null; returns the job id.
   */
  public String run(String jarId, String entryClass, List<String> args, String savepoint)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("entryClass", entryClass);
    body.putPOJO("programArgsList", args);
    if (savepoint != null) {
      body.put("savepointPath", savepoint);
      body.put("allowNonRestoredState", false);
    }
    JsonNode r = post("/jars/" + jarId + "/run", body, Duration.ofMinutes(3));
    String job = r.path("jobid").asText();
    if (job.isEmpty()) {
      throw new IOException("job submission failed: " + r);
    }
    return job;
  }

  public String jobState(String jobId) throws IOException {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /** True when the job and every one of its subtasks are RUNNING. */
  public boolean allRunning(String jobId) throws IOException {
    JsonNode j = get("/jobs/" + jobId);
    if (!"RUNNING".equals(j.path("state").asText())) {
      return false;
    }
    for (JsonNode v : j.path("vertices")) {
      if (!"RUNNING".equals(v.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  public void awaitRunning(String jobId, Duration timeout) throws Exception {
    await(
        "job " + jobId + " RUNNING",
        timeout,
        () -> {
          String s = jobState(jobId);
          if (s.equals("FAILED") || s.equals("CANCELED") || s.equals("FINISHED")) {
            throw new IllegalStateException(
                "job " + jobId + " is " + s + ": " + get("/jobs/" + jobId + "/exceptions"));
          }
          return allRunning(jobId);
        });
  }

  /** The TaskManagers the job's subtasks run on. */
  public Set<String> taskManagersOf(String jobId) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
      JsonNode tms = get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
      for (JsonNode tm : tms.path("taskmanagers")) {
        ids.add(tm.path("taskmanager-id").asText());
      }
    }
    return ids;
  }

  /** Completed checkpoints of the job so far. */
  public long completedCheckpoints(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /** The job's restarts so far (its {@code numRestarts} metric). */
  public long restarts(String jobId) throws IOException {
    for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
      if ("numRestarts".equals(m.path("id").asText())) {
        return m.path("value").asLong();
      }
    }
    return 0;
  }

  /**
   * Stops the job with a savepoint ({@code POST /jobs/<id>/stop}, no drain) and returns the
   * savepoint's path.
   */
  public String stopWithSavepoint(String jobId, Duration timeout) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("targetDirectory", dir.resolve("savepoints").toUri().toString());
    body.put("drain", false);
    String trigger =
        post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)).path("request-id").asText();
    String[] location = new String[1];
    await(
        "the savepoint of " + jobId,
        timeout,
        () -> {
          JsonNode r = get("/jobs/" + jobId + "/savepoints/" + trigger);
          if (!"COMPLETED".equals(r.path("status").path("id").asText())) {
            return false;
          }
          JsonNode op = r.path("operation");
          if (op.has("failure-cause")) {
            throw new IllegalStateException("stop-with-savepoint failed: " + op);
          }
          location[0] = op.path("location").asText();
          return true;
        });
    await("job " + jobId + " stopped", timeout, () -> jobState(jobId).equals("FINISHED"));
    return location[0];
  }

  public void cancel(String jobId) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
            .timeout(Duration.ofSeconds(30))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build();
    http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  public JsonNode get(String path) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(restUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    try {
      return send(req);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: GET " + path, e);
    }
  }

  private JsonNode post(String path, JsonNode body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(restUrl() + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return send(req);
  }

  private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(
          req.method() + " " + req.uri().getPath() + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The last lines of a process's log ({@code jobmanager}, {@code tm-1}, ...), for messages. */
  public String logTail(String name) {
    StringBuilder b = new StringBuilder();
    for (String suffix : List.of(".out", ".log")) {
      Path f = logs.resolve(name + suffix);
      try {
        if (Files.exists(f)) {
          List<String> lines = Files.readAllLines(f);
          b.append("\n--- ").append(f).append(" ---\n");
          b.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
      } catch (IOException | UncheckedIOException e) {
        b.append("\n(").append(f).append(": ").append(e.getMessage()).append(")");
      }
    }
    return b.toString();
  }

  /**
   * Polls {@code condition} every 200 ms until it holds or {@code timeout} passes (then throws).
   */
  public static void await(String what, Duration timeout, Check condition) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
  }

  /** A condition that may throw (IllegalStateException: give up at once). */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  private void killAll() {
    List<Process> ps;
    synchronized (all) {
      ps = new ArrayList<>(all);
    }
    for (Process p : ps) {
      p.destroyForcibly();
    }
    for (Process p : ps) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Kills the JobManager and every TaskManager it started (SIGKILL), whatever state they are in.
   */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (or ran) killAll itself
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run the cluster tests through Maven)");
    }
    return v;
  }
}
