#!/usr/bin/env bash
# JMH micro-benchmarks of intake's per-request CPU work (adapters-http's IntakeCpuBenchmarks): signature
# verification, key derivation, JSON parsing. Arguments go to JMH, e.g. `scripts/jmh.sh -f 1 -wi 2 -i 3 parse`.
# Runs from the test class path of a normal build (nothing is installed into ~/.m2); holds the heavy-run lock.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JMH_LOCKED:-}" ]; then
    exec env JMH_LOCKED=1 flock /tmp/hookguard-heavy.lock bash "$0" "$@"
fi
classpath=target/jmh-classpath.txt
mkdir -p target
mvn -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -pl adapters-http -am -Dmdep.outputFile="$PWD/$classpath" -Dmdep.includeScope=test
java -cp "adapters-http/target/test-classes:adapters-http/target/classes:domain/target/classes:$(cat "$classpath")" \
    org.openjdk.jmh.Main IntakeCpuBenchmarks "$@"
