#!/usr/bin/env bash
# Campaign delivery (issue 8): messages handed to SMTP per second, GreenMail in the same JVM,
# the throttle off, the embedded database in a temporary directory.
#   bench/campaigns.sh                      3 runs of 5,000 recipients
#   RECIPIENTS=20000 RUNS=1 bench/campaigns.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -Dspring-javaformat.skip=true test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.mailgate.campaigns.internal.DeliveryBench
