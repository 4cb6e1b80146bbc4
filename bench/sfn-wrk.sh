#!/usr/bin/env bash
# Step Functions start-to-finish throughput over HTTP with an external load generator (wrk), so the
# driver costs the server's two cores as little as possible (the Java driver bench/SfnLoad.java shares
# its JVM with the server).
# Usage: bench/sfn-wrk.sh [seconds] [connections] [extra serve args...]   (needs wrk: apt-get install wrk)
# Starts ./stepline serve exactly as the launcher does on a fresh data directory, creates the 10-state
# Pass chain, warms up for 10 s, then lets wrk send StartExecution for [seconds] on [connections]
# connections and waits until no execution is RUNNING. Prints executions started, StartExecution
# latency (wrk) and executions/s from the first start to the last finish.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"; connections="${2:-64}"; shift $(( $# > 2 ? 2 : $# ))
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
"$here/stepline" build >/dev/null
read -r -a cmd <<< "$("$here/stepline" java-command)"
port=4598
dir="$(mktemp -d)"
"${cmd[@]}" serve --port "$port" --data-dir "$dir" "$@" >"$dir.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir" "$dir.log" "$dir.lua"' EXIT
until curl -fs "http://127.0.0.1:$port/_stepline/health" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { cat "$dir.log" >&2; exit 1; }
  sleep 0.05
done
auth='AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00'
sfn() { curl -fs "http://127.0.0.1:$port/" -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: AWSStepFunctions.$1" \
  -H "Authorization: $auth" -d "$2"; }
states=""
for i in 0 1 2 3 4 5 6 7 8 9; do
  next=$([ $i = 9 ] && echo '\"End\":true' || echo "\\\"Next\\\":\\\"S$((i + 1))\\\"")
  states+="$([ $i = 0 ] || echo ,)\\\"S$i\\\":{\\\"Type\\\":\\\"Pass\\\",$next}"
done
machine=$(sfn CreateStateMachine "{\"name\":\"chain\",\"roleArn\":\"arn:aws:iam::123456789012:role/bench\",\"definition\":\"{\\\"StartAt\\\":\\\"S0\\\",\\\"States\\\":{$states}}\"}" \
  | sed 's/.*"stateMachineArn":"\([^"]*\)".*/\1/')
cat > "$dir.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartExecution"
wrk.headers["Authorization"] = "$auth"
wrk.body = '{"stateMachineArn":"$machine","input":"{\\\\"n\\\\":1}"}'
LUA
running() { sfn ListExecutions "{\"stateMachineArn\":\"$machine\",\"statusFilter\":\"RUNNING\",\"maxResults\":1}" | grep -c executionArn || true; }
drain() { while [ "$(running)" != 0 ]; do sleep 0.01; done; }
wrk -t1 -c"$connections" -d10s -s "$dir.lua" "http://127.0.0.1:$port/" >/dev/null
drain
start=$(date +%s%N)
out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$dir.lua" "http://127.0.0.1:$port/")
drain
end=$(date +%s%N)
echo "$out" | grep -E "Latency|50%|99%|requests in|Non-2xx" || true
started=$(echo "$out" | awk '/requests in/ {print $1}')
errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
awk -v n="$started" -v e="${errors:-0}" -v ns="$((end - start))" \
  'BEGIN { printf "start-to-finish: %d executions in %.2f s = %.0f executions/s (non-2xx: %d)\n", n - e, ns / 1e9, (n - e) / (ns / 1e9), e }'
sample=$(sfn ListExecutions "{\"stateMachineArn\":\"$machine\",\"maxResults\":1}" | sed 's/.*"status":"\([A-Z]*\)".*/\1/')
echo "newest execution: $sample"
