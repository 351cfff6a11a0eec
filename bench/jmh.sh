#!/usr/bin/env bash
# JMH benchmarks of Mailgate's pieces (classes named *Benchmark in src/test/java).
#   bench/jmh.sh                      every benchmark, 1 fork, 3 warm-up and 5 measured iterations
#   bench/jmh.sh ClientAuthentication only those whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  -f 1 -wi 3 -w 2s -i 5 -r 3s "${@:-.*Benchmark.*}"
