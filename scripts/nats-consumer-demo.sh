#!/usr/bin/env bash
# Two workers share what Hookguard publishes to NATS JetStream.
#
# Starts two NatsConsumerDemo workers bound to one durable pull consumer, publishes COUNT messages through the
# real NatsDestination (as the dispatcher does), and shows which worker handled which message. Uses a stream of
# its own (deleted at the end unless KEEP_STREAM=1) on the server at NATS_URL.
#
#   scripts/nats-consumer-demo.sh [COUNT]      NATS_URL defaults to nats://127.0.0.1:4222
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-20}"
url="${NATS_URL:-${HOOKGUARD_TEST_NATS_URL:-nats://127.0.0.1:4222}}"
stream="HGDEMO_$(date +%s)"
subject="hookguard.demo.${stream,,}"
out="$(mktemp -d)"
classpath=adapters-persistence/nats/target/demo-classpath.txt

mvn -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -pl adapters-persistence/nats -am -Dmdep.outputFile="$PWD/$classpath" -Dmdep.includeScope=test
cp="adapters-persistence/nats/target/test-classes:adapters-persistence/nats/target/classes:domain/target/classes:domain/target/test-classes:$(cat "$classpath")"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ "${KEEP_STREAM:-0}" != 1 ]]; then
        java -cp "$cp" io.hookguard.nats.NatsConsumerDemo "$url" "$stream" --delete >/dev/null 2>&1 || true
    fi
    rm -rf "$out"
}
trap cleanup EXIT

# The first publish creates the stream; the workers bind to it afterwards.
java -cp "$cp" io.hookguard.nats.NatsPublishDemo "$url" "$stream" "$subject" 1 >"$out/publish.txt"
for worker in worker-a worker-b; do
    java -cp "$cp" io.hookguard.nats.NatsConsumerDemo "$url" "$stream" workers "$worker" >"$out/$worker.txt" &
    pids+=("$!")
done
for _ in $(seq 1 100); do
    grep -q waiting "$out/worker-a.txt" 2>/dev/null && grep -q waiting "$out/worker-b.txt" 2>/dev/null && break
    sleep 0.2
done
java -cp "$cp" io.hookguard.nats.NatsPublishDemo "$url" "$stream" "$subject" "$((count - 1))" 2 >>"$out/publish.txt"

for _ in $(seq 1 100); do
    handled=$(cat "$out"/worker-*.txt | grep -c ' msg_' || true)
    [[ "$handled" -ge "$count" ]] && break
    sleep 0.2
done
cat "$out"/worker-*.txt | grep ' msg_' | sort
echo "published: $(grep -c ' Delivered' "$out/publish.txt"), worker-a: $(grep -c ' msg_' "$out/worker-a.txt" || true)," \
    "worker-b: $(grep -c ' msg_' "$out/worker-b.txt" || true)"
