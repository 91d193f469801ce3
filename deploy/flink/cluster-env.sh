# Shared by start.sh, stop.sh, submit.sh and flink.sh (sourced, not run): where the cluster
# lives and small helpers. Bash only: no curl or jq on a fresh machine.

HOST=127.0.0.1
LIB="$HERE/lib"
CLUSTER_DIR="${FLINK_CLUSTER_DIR:-$HERE/run}"
CONF_DIR="$CLUSTER_DIR/conf"
LOG_DIR="$CLUSTER_DIR/log"
PID_DIR="$CLUSTER_DIR"
TMP_DIR="$CLUSTER_DIR/tmp"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-6123}"
JOB_JAR="${RUNTIMESLICER_FLINK_JAR:-$HERE/../../jobs/target/runtimeslicer-flink.jar}"

# Flink's own launch scripts open these JDK internals to its serializers and RPC system on Java 17.
JAVA_MODULE_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# The pid in $1 when it names a live process whose command line contains $2 (a recycled pid must not count).
running_pid() {
  [[ -f "$1" ]] || return 1
  local pid
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  ps -ww -p "$pid" -o args= 2>/dev/null | grep -q "$2" || return 1
  echo "$pid"
}

# Fetches the cluster's jars into lib/ once, through a scratch dir so an interrupted download leaves no half-filled lib/.
fetch_lib() {
  # the last jar added to pom.xml: a lib/ fetched before it came is fetched again
  compgen -G "$LIB/flink-statebackend-rocksdb-*.jar" >/dev/null && return 0
  command -v mvn >/dev/null || die "lib/ is missing and mvn is not on PATH to fetch the Flink jars"
  echo "Fetching the Flink runtime jars from Maven into $LIB ..."
  rm -rf "$HERE/lib.partial"
  mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies -Dflink.lib.dir="$HERE/lib.partial" \
    || die "fetching the Flink jars with Maven failed"
  rm -rf "$LIB"
  mv "$HERE/lib.partial" "$LIB"
}

# GET of a REST path; the response body on stdout, fails when the JobManager does not answer 200.
rest_get() {
  local fd response
  { exec {fd}<>"/dev/tcp/$HOST/$REST_PORT"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$1" "$HOST" >&"$fd"
  response="$(timeout 10 cat <&"$fd")"
  exec {fd}>&-
  [[ "$(head -n 1 <<<"$response")" == *" 200 "* ]] || return 1
  printf '%s' "${response#*$'\r\n\r\n'}"
}

registered_taskmanagers() {
  local body
  body="$(rest_get /taskmanagers)" || { echo 0; return; }
  grep -o '"dataPort"' <<<"$body" | wc -l
}

# start_process NAME BASH_JAVA_UTILS_COMMAND MAIN_CLASS ARGS...: the memory options Flink's launch
# scripts would compute (BashJavaUtils), then the JVM in the background, its pid in PID_DIR/NAME.pid.
start_process() {
  local name=$1 resources=$2 main=$3
  shift 3
  local out jvm_params dynamic
  out="$(java -cp "$LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$resources" --configDir "$CONF_DIR" 2>&1)" \
    || { echo "$out" >&2; die "computing the memory options of the $name failed"; }
  jvm_params="$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed -n 1p | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  dynamic="$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed -n 2p | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')"
  # shellcheck disable=SC2086  # the computed options are intentionally word-split
  nohup java $jvm_params "${JAVA_MODULE_OPTS[@]}" -XX:+UseG1GC -Djava.io.tmpdir="$TMP_DIR" \
    -Dlog.file="$LOG_DIR/$name.log" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -cp "$LIB/*" "$main" "$@" $dynamic >"$LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

# wait_for WHAT TIMEOUT PID LOG COMMAND...: until COMMAND succeeds, failing early when PID exits.
wait_for() {
  local what=$1 timeout=$2 pid=$3 log=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2 2>/dev/null || true
      die "the process (pid $pid) exited before $what was up; see $log"
    fi
    (( SECONDS < deadline )) || die "$what was not up within ${timeout}s; see $log"
    sleep 1
  done
}

# Flink's command-line client against this cluster, with the job jar's classes from the jar itself.
flink_cli() {
  [[ -f "$CONF_DIR/config.yaml" ]] || die "no cluster configuration in $CONF_DIR; start the cluster with deploy/flink/start.sh"
  FLINK_CONF_DIR="$CONF_DIR" java "${JAVA_MODULE_OPTS[@]}" -Dlog.file="$LOG_DIR/client.log" \
    -Dlog4j.configurationFile="file:$CONF_DIR/log4j-cli.properties" \
    -cp "$LIB/*" org.apache.flink.client.cli.CliFrontend "$@"
}
