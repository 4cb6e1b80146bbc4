#!/usr/bin/env bash
# Several nodes on one PostgreSQL (issue 7): Step Functions throughput of one node vs three, and the
# takeover time after a node is killed with SIGKILL.
# Usage: bench/cluster.sh [seconds]     (needs PostgreSQL at 127.0.0.1:5432 and wrk)
# Uses database stepline_cluster_bench (dropped and re-created), nodes on ports 4601-4603 started as
# the launcher starts them. Load: one wrk per node sending StartExecution of the 10-state Pass chain
# for [seconds] (64 connections in all), then start-to-finish executions/s as bench/sfn-wrk.sh counts it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
db=stepline_cluster_bench
url="postgresql://postgres@127.0.0.1:5432/$db"
"$here/stepline" build >/dev/null
read -r -a cmd <<< "$("$here/stepline" java-command)"
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
auth='AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00'
sfn() { curl -fs "http://127.0.0.1:$1/" -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: AWSStepFunctions.$2" \
  -H "Authorization: $auth" -d "$3"; }
script() { # state machine arn -> wrk script starting executions of it
  cat > "$work/start.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartExecution"
wrk.headers["Authorization"] = "$auth"
wrk.body = '{"stateMachineArn":"$1","input":"{}"}'
LUA
}
load() { # ports...
  local machine started=0 t0 t1
  machine=$(sfn "$1" CreateStateMachine '{"name":"chain","roleArn":"arn:aws:iam::123456789012:role/bench","definition":"{\"StartAt\":\"S0\",\"States\":{\"S0\":{\"Type\":\"Pass\",\"Next\":\"S1\"},\"S1\":{\"Type\":\"Pass\",\"Next\":\"S2\"},\"S2\":{\"Type\":\"Pass\",\"Next\":\"S3\"},\"S3\":{\"Type\":\"Pass\",\"Next\":\"S4\"},\"S4\":{\"Type\":\"Pass\",\"Next\":\"S5\"},\"S5\":{\"Type\":\"Pass\",\"Next\":\"S6\"},\"S6\":{\"Type\":\"Pass\",\"Next\":\"S7\"},\"S7\":{\"Type\":\"Pass\",\"Next\":\"S8\"},\"S8\":{\"Type\":\"Pass\",\"Next\":\"S9\"},\"S9\":{\"Type\":\"Pass\",\"End\":true}}}"}' \
    | sed 's/.*"stateMachineArn":"\([^"]*\)".*/\1/')
  script "$machine"
  local jobs=()
  for p in "$@"; do wrk -t1 -c$((64 / $#)) -d5s -s "$work/start.lua" "http://127.0.0.1:$p/" >/dev/null & jobs+=($!); done
  wait "${jobs[@]}"; jobs=()
  drain "$1" "$machine"
  t0=$(date +%s%N)
  for p in "$@"; do wrk -t1 -c$((64 / $#)) -d"${seconds}s" -s "$work/start.lua" "http://127.0.0.1:$p/" > "$work/wrk.$p" & jobs+=($!); done
  wait "${jobs[@]}"
  drain "$1" "$machine"
  t1=$(date +%s%N)
  for p in "$@"; do started=$((started + $(awk '/requests in/ {print $1}' "$work/wrk.$p"))); done
  awk -v n="$started" -v ns="$((t1 - t0))" -v k="$#" \
    'BEGIN { printf "  %d node(s): %d executions started in %d s, all finished after %.2f s = %.0f executions/s\n", k, n, '"$seconds"', ns / 1e9, n / (ns / 1e9) }'
}
drain() { # port, machine
  until [ "$(sfn "$1" ListExecutions "{\"stateMachineArn\":\"$2\",\"statusFilter\":\"RUNNING\",\"maxResults\":1}" | grep -c executionArn)" = 0 ]; do sleep 0.05; done
}

echo "== one node"
fresh_db; start_node 4601
load 4601
stop_nodes

echo "== three nodes, one wrk per node"
fresh_db; start_node 4601; start_node 4602; start_node 4603
load 4601 4602 4603

echo "== takeover: executions with a 2 s Wait started through node 1, which is then killed"
machine=$(sfn 4601 CreateStateMachine '{"name":"waits","roleArn":"arn:aws:iam::123456789012:role/bench","definition":"{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":2,\"Next\":\"P\"},\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}' \
  | sed 's/.*"stateMachineArn":"\([^"]*\)".*/\1/')
script "$machine"
started=$(wrk -t1 -c16 -d1s -s "$work/start.lua" http://127.0.0.1:4601/ | awk '/requests in/ {print $1}')
kill -9 "${pids[0]}"
killed=$(date +%s%N)
running() { sfn 4602 ListExecutions "{\"stateMachineArn\":\"$machine\",\"statusFilter\":\"RUNNING\",\"maxResults\":1000}" | grep -o executionArn | wc -l; }
until [ "$(running)" = 0 ]; do sleep 0.05; done
done_at=$(date +%s%N)
succeeded=$(sfn 4603 ListExecutions "{\"stateMachineArn\":\"$machine\",\"statusFilter\":\"SUCCEEDED\",\"maxResults\":1000}" | grep -o executionArn | wc -l)
awk -v s="$started" -v ok="$succeeded" -v ns="$((done_at - killed))" \
  'BEGIN { printf "  %d executions started through node 1 in 1 s; node 1 killed; all finished %.2f s after the kill (%d SUCCEEDED, first page of up to 1000)\n", s, ns / 1e9, ok }'
