#!/usr/bin/env bash
# Spark benchmark: the same articles through `framescope predict`, ScoreJob on Spark local[2], and
# ScoreJob on a standalone cluster of two one-core workers, in one run (see README, "Spark").
# Usage: bash docs/spark-bench.sh [ARTICLES]   (default 800, and a quarter of it for the steady rate; builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true
mvn -q -B -o -DskipTests package test-compile 2>/dev/null || mvn -q -B -DskipTests package test-compile
opens="$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -Xmx1g -Dframescope.sparkClasspath=target/spark-cluster-classpath.txt -Dframescope.sparkOpens="$opens" \
  -cp "target/test-classes:target/classes:$(cat target/spark-cluster-classpath.txt)" \
  org.framescope.spark.SparkBench "${1:-800}" "$work"
