#!/usr/bin/env bash
# Startup time to the first served request, and idle memory, of the built jar.
# Usage: bench/startup.sh [runs]   (builds the jar and its class-data-sharing archive first if needed;
# the server is started with exactly the java command line the ./stepline launcher uses)
# Prints one line per run and a summary; each run uses a fresh data directory, so it includes
# creating and migrating the embedded store.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
"$here/stepline" build
read -r -a cmd <<< "$("$here/stepline" java-command)"
port=4597
times=(); rss=()
for i in $(seq 0 "$runs"); do
  dir="$(mktemp -d)"
  start=$(date +%s%N)
  "${cmd[@]}" serve --port "$port" --data-dir "$dir" >/dev/null 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/_stepline/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited before serving" >&2; exit 1; }
    sleep 0.005
  done
  end=$(date +%s%N)
  sleep 2
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  if [ "$i" -gt 0 ]; then
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms"); rss+=("$((kb / 1024))")
    echo "run $i: first request served after ${ms} ms, idle RSS $((kb / 1024)) MiB"
  fi
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "startup ms: min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'
printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "idle RSS MiB: min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'
