#!/usr/bin/env bash
# Builds this consumer project the way a user would build theirs, against the Rebalance modules of
# this checkout, and checks what the kit's README promises:
#   - the snippets of README.md and rebalance-tck/README.md compile as pasted, with the BOM
#     supplying every version;
#   - two contract subclasses in one module are reported each under its own test class (one
#     TEST-<class>.xml per store with all its clause groups, none per shared nested class) and the
#     summary counts both stores' tests;
#   - the README's SyncAudit snippet passes against rebalance-core's JSON file store.
# Nothing is installed into ~/.m2: the modules go to a private repository (REPO, default
# /tmp/m2-rebalance-consumer) seeded with hard links to ~/.m2/repository so the build stays offline.
# Usage: rebalance-tck/src/it/consumer/run.sh   (MVN=mvnq to use a build-slot wrapper)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
repo=${REPO:-/tmp/m2-rebalance-consumer}
mvn=${MVN:-mvn}
# OFFLINE= (empty) lets Maven download what the install and the consumer need (a fresh machine).
offline=${OFFLINE--o}
if [ ! -d "$repo" ]; then
  if [ -d "$HOME/.m2/repository" ]; then cp -al "$HOME/.m2/repository" "$repo" 2>/dev/null || cp -a "$HOME/.m2/repository" "$repo"; else mkdir -p "$repo"; fi
fi

"$mvn" $offline -B -q -Dmaven.repo.local="$repo" -f "$root/pom.xml" \
  -pl rebalance-bom,rebalance-api,rebalance-tck,rebalance-core,rebalance-jdbc,rebalance-alpaca -am \
  install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/pom.xml" "$here/src" "$work/"
"$mvn" $offline -B -Dmaven.repo.local="$repo" -f "$work/pom.xml" verify > "$work/build.log" 2>&1 || {
  tail -80 "$work/build.log"; echo "consumer build FAILED"; exit 1; }

reports="$work/target/surefire-reports"
fail() { echo "consumer check FAILED: $*"; grep -E "Tests run:|Running" "$work/build.log" | tail -40; exit 1; }
for store in JsonStoreContractTest InMemoryStoreContractTest; do
  xml="$reports/TEST-com.example.$store.xml"
  [ -f "$xml" ] || fail "no $xml"
  cases=$(grep -c "<testcase" "$xml")
  [ "$cases" -ge 70 ] || fail "$store: only $cases test cases in its report"
done
if ls "$reports" | grep -q 'TrackerStoreContract\$'; then
  fail "clause groups reported as classes of their own (shared by both stores): $(ls "$reports")"
fi
summary=$(grep -E "^\[(INFO|WARNING)\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$" "$work/build.log" | tail -1)
[ -n "$summary" ] || fail "no clean summary line"
total=$(echo "$summary" | sed -E 's/.*Tests run: ([0-9]+),.*/\1/')
[ "$total" -ge 150 ] || fail "summary counts $total tests; both stores' 74 each and more expected"
grep -q "BUILD SUCCESS" "$work/build.log" || fail "no BUILD SUCCESS"
echo "consumer OK: $summary"
grep -E "Running com.example|Tests run: .* in com.example" "$work/build.log"
