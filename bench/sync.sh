#!/usr/bin/env bash
# Contact sync (issue 9): contacts synced per second from one Mailgate to another (the same
# process, over plain HTTP on 127.0.0.1), the embedded database in a temporary directory.
#   bench/sync.sh                       3 runs of 50,000 contacts
#   CONTACTS=10000 RUNS=1 bench/sync.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -Dspring-javaformat.skip=true test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.mailgate.integrations.internal.SyncBench
