#!/usr/bin/env bash
# Several nodes on one PostgreSQL (issue 7): Step Functions throughput of one node vs three, and the
# takeover time after a node is killed with SIGKILL.
# Usage: bench/cluster.sh [executions]     (needs PostgreSQL at 127.0.0.1:5432 and wrk)
# Uses database stepline_cluster_bench (dropped and re-created), nodes on ports 4601-4603 started as
# the launcher starts them, and the Java driver bench/SfnLoad.java in remote= mode (round robin).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
executions="${1:-20000}"
db=stepline_cluster_bench
url="postgresql://postgres@127.0.0.1:5432/$db"
"$here/stepline" build >/dev/null
read -r -a cmd <<< "$("$here/stepline" java-command)"
java="$("$here/stepline" java-home)/bin/java"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

fresh_db() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
}
start_node() { # port
  "${cmd[@]}" serve --port "$1" --data-dir "$work/$1" --database-url "$url" >"$work/$1.log" 2>&1 &
  pids+=($!)
  until curl -fs "http://127.0.0.1:$1/_stepline/health" >/dev/null 2>&1; do sleep 0.05; done
}
stop_nodes() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
load() { # endpoints
  "$java" -cp "$here/target/stepline.jar" "$here/bench/SfnLoad.java" chain "remote=$1" "$executions" 64 2>/dev/null | grep -v "^\s*at "
}

echo "== one node"
fresh_db; start_node 4601
load http://127.0.0.1:4601
stop_nodes

echo "== three nodes, the driver calling them in round robin"
fresh_db; start_node 4601; start_node 4602; start_node 4603
load http://127.0.0.1:4601,http://127.0.0.1:4602,http://127.0.0.1:4603

echo "== takeover: executions with a 2 s Wait started through node 1, which is then killed"
auth='AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00'
sfn() { curl -fs "http://127.0.0.1:$1/" -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: AWSStepFunctions.$2" \
  -H "Authorization: $auth" -d "$3"; }
machine=$(sfn 4601 CreateStateMachine '{"name":"waits","roleArn":"arn:aws:iam::123456789012:role/bench","definition":"{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":2,\"Next\":\"P\"},\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}' \
  | sed 's/.*"stateMachineArn":"\([^"]*\)".*/\1/')
cat > "$work/start.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartExecution"
wrk.headers["Authorization"] = "$auth"
wrk.body = '{"stateMachineArn":"$machine","input":"{}"}'
LUA
started=$(wrk -t1 -c16 -d1s -s "$work/start.lua" http://127.0.0.1:4601/ | awk '/requests in/ {print $1}')
kill -9 "${pids[0]}"
killed=$(date +%s%N)
running() { sfn 4602 ListExecutions "{\"stateMachineArn\":\"$machine\",\"statusFilter\":\"RUNNING\",\"maxResults\":1000}" | grep -o executionArn | wc -l; }
until [ "$(running)" = 0 ]; do sleep 0.05; done
done_at=$(date +%s%N)
succeeded=$(sfn 4603 ListExecutions "{\"stateMachineArn\":\"$machine\",\"statusFilter\":\"SUCCEEDED\",\"maxResults\":1000}" | grep -o executionArn | wc -l)
awk -v s="$started" -v ok="$succeeded" -v ns="$((done_at - killed))" \
  'BEGIN { printf "  %d executions started through node 1 in 1 s; node 1 killed; all finished %.2f s after the kill (%d SUCCEEDED, first page of up to 1000)\n", s, ns / 1e9, ok }'
