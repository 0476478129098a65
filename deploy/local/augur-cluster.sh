#!/usr/bin/env bash
# A standalone Flink session cluster on 127.0.0.1 from Maven's Flink jars (no Flink distribution), as the
# cluster tests run it, for trying the job jar by hand:
#
#   deploy/local/augur-cluster.sh up [TASKMANAGERS]      JobManager + TaskManagers (default 2), REST on $AUGUR_REST_PORT (8081)
#   deploy/local/augur-cluster.sh submit CONFIG [SAVEPOINT]  upload cli/target/augur-job.jar, run `run --config CONFIG`
#   deploy/local/augur-cluster.sh status                 TaskManagers and jobs
#   deploy/local/augur-cluster.sh kill-tm [TM-ID]        SIGKILL a TaskManager (default: the newest) ...
#   deploy/local/augur-cluster.sh add-tm                 ... and start a replacement
#   deploy/local/augur-cluster.sh stop JOB-ID            stop with a savepoint (prints its path; resume with submit CONFIG PATH)
#   deploy/local/augur-cluster.sh down                   kill every process `up` started
#
# Needs: the classpath file cluster-tests/target/flink.classpath and the job jar cli/target/augur-job.jar, both built by
#   mvn -B -pl cluster-tests -am package -DskipTests
# plus java 17, curl and jq. State, logs, checkpoints and savepoints go to $AUGUR_CLUSTER_DIR (augur-out/cluster).
# Every address is 127.0.0.1; the RPC, blob and data ports are picked by the OS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$(mkdir -p "${AUGUR_CLUSTER_DIR:-$ROOT/augur-out/cluster}" && cd "${AUGUR_CLUSTER_DIR:-$ROOT/augur-out/cluster}" && pwd)"
CONF="$DIR/conf"
LOGS="$DIR/log"
PIDS="$DIR/pids"
REST_PORT="${AUGUR_REST_PORT:-8081}"
REST="http://127.0.0.1:$REST_PORT"
CP_FILE="$ROOT/cluster-tests/target/flink.classpath"
JAR="${AUGUR_JOB_JAR:-$ROOT/cli/target/augur-job.jar}"
FLAGS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.management/sun.management=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() { echo "augur-cluster: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is needed (not on PATH)"; }
classpath() {
  [ -f "$CP_FILE" ] || die "no $CP_FILE: build it with  mvn -B -pl cluster-tests -am package -DskipTests"
  cat "$CP_FILE"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }

start_java() { # name main args...
  local name="$1" main="$2"; shift 2
  nohup java "${FLAGS[@]}" ${JVM_OPTS:-} -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file://$CONF/log4j.properties" \
    -cp "$(classpath)" "$main" "$@" >"$LOGS/$name.out" 2>&1 &
  echo "$!" >"$PIDS/$name"
}

cmd_up() {
  need java; need curl; need jq
  local tms="${1:-2}"
  [ -z "$(ls -A "$PIDS" 2>/dev/null)" ] || die "already up (pids in $PIDS); run down first"
  mkdir -p "$CONF" "$LOGS" "$PIDS" "$DIR/checkpoints" "$DIR/savepoints" "$DIR/uploads" "$DIR/tmp"
  cat >"$CONF/config.yaml" <<EOF
jobmanager.rpc.address: "127.0.0.1"
jobmanager.rpc.port: "$(free_port)"
jobmanager.bind-host: "127.0.0.1"
rest.address: "127.0.0.1"
rest.bind-address: "127.0.0.1"
rest.port: "$REST_PORT"
taskmanager.host: "127.0.0.1"
taskmanager.bind-host: "127.0.0.1"
taskmanager.rpc.port: "0"
taskmanager.data.port: "0"
blob.server.port: "0"
taskmanager.numberOfTaskSlots: "${AUGUR_SLOTS:-1}"
jobmanager.memory.process.size: "1024m"
taskmanager.memory.process.size: "${AUGUR_TM_MEMORY:-1280m}"
heartbeat.interval: "1000"
heartbeat.timeout: "5000"
restart-strategy.type: "fixed-delay"
restart-strategy.fixed-delay.attempts: "1000000"
restart-strategy.fixed-delay.delay: "500 ms"
state.backend.type: "rocksdb"
execution.checkpointing.incremental: "true"
execution.checkpointing.dir: "file://$DIR/checkpoints"
execution.checkpointing.savepoint-dir: "file://$DIR/savepoints"
web.upload.dir: "$DIR/uploads"
io.tmp.dirs: "$DIR/tmp"
EOF
  cat >"$CONF/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FileAppender
appender.file.name = FileAppender
appender.file.type = FILE
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
  JVM_OPTS="-Xmx700m" start_java jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF"
  for _ in $(seq 1 "$tms"); do cmd_add_tm; done
  for _ in $(seq 1 90); do
    n="$(curl -fsS "$REST/taskmanagers" 2>/dev/null | jq '.taskmanagers | length' 2>/dev/null || echo 0)"
    [ "$n" -ge "$tms" ] && { echo "augur-cluster: up: $REST ($n TaskManagers; logs in $LOGS)"; return; }
    sleep 1
  done
  die "the cluster did not come up in 90 s; see $LOGS"
}

cmd_add_tm() {
  local params jvm dyn id n=1
  params="$(java -cp "$(classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS \
    --configDir "$CONF" 2>/dev/null | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | tail -2 | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')" \
    || die "BashJavaUtils printed no TaskManager parameters"
  jvm="$(echo "$params" | sed -n 1p)"
  dyn="$(echo "$params" | sed -n 2p)"
  while [ -e "$PIDS/tm-$n" ] || [ -e "$LOGS/tm-$n.out" ]; do n=$((n + 1)); done
  id="tm-$n"
  # shellcheck disable=SC2086 # the parameters are words
  JVM_OPTS="$jvm" start_java "$id" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" \
    $dyn -D "taskmanager.resource-id=$id"
  echo "augur-cluster: started $id (pid $(cat "$PIDS/$id"))"
}

cmd_kill_tm() {
  local id="${1:-$(ls "$PIDS" | grep '^tm-' | sort -t- -k2 -n | tail -1)}"
  [ -n "$id" ] && [ -f "$PIDS/$id" ] || die "no TaskManager ${1:-} (have: $(ls "$PIDS" | grep '^tm-' | xargs))"
  kill -9 "$(cat "$PIDS/$id")" 2>/dev/null || true
  rm -f "$PIDS/$id"
  echo "augur-cluster: SIGKILLed $id"
}

cmd_submit() {
  need curl; need jq
  local config="${1:?submit CONFIG [SAVEPOINT]}" savepoint="${2:-}" jar_id body
  [ -f "$config" ] || die "no config file $config"
  [ -f "$JAR" ] || die "no job jar $JAR: build it with  mvn -B -pl cli -am package -DskipTests"
  config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
  jar_id="$(curl -fsS -X POST -F "jarfile=@$JAR" "$REST/jars/upload" | jq -r '.filename' | xargs basename)"
  body="$(jq -n --arg c "$config" --arg s "$savepoint" \
    '{entryClass: "io.augur.cli.AugurCluster", programArgsList: ["run", "--config", $c]}
     + (if $s == "" then {} else {savepointPath: $s} end)')"
  curl -sS -X POST -H 'Content-Type: application/json' -d "$body" "$REST/jars/$jar_id/run" | jq .
}

cmd_stop() {
  need curl; need jq
  local job="${1:?stop JOB-ID}" trigger status
  trigger="$(curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"targetDirectory\": \"file://$DIR/savepoints\", \"drain\": false}" "$REST/jobs/$job/stop" | jq -r '."request-id"')"
  for _ in $(seq 1 120); do
    status="$(curl -fsS "$REST/jobs/$job/savepoints/$trigger")"
    if [ "$(echo "$status" | jq -r .status.id)" = COMPLETED ]; then
      echo "$status" | jq -r '.operation.location // .operation."failure-cause"'
      return
    fi
    sleep 1
  done
  die "no savepoint after 120 s"
}

cmd_status() {
  need curl; need jq
  curl -fsS "$REST/taskmanagers" | jq -r '.taskmanagers[] | "\(.id)  slots \(.freeSlots)/\(.slotsNumber) free"'
  curl -fsS "$REST/jobs/overview" | jq -r '.jobs[] | "\(.jid)  \(.state)  \(.name)"'
}

cmd_down() {
  local f
  for f in "$PIDS"/*; do
    [ -f "$f" ] || continue
    kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  echo "augur-cluster: down (state kept in $DIR)"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  add-tm) shift; cmd_add_tm ;;
  kill-tm) shift; cmd_kill_tm "$@" ;;
  submit) shift; cmd_submit "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  down) cmd_down ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
