#!/usr/bin/env bash
# The full reliability run (docs/RELIABILITY.md): every scenario against the real jar and PostgreSQL, one
# "RELIABILITY <scenario> ..." figure line each, also collected in app/target/reliability-figures.txt.
# About 25 minutes, 10 of them the soak, about 8 the forwarding figures (ForwardingFiguresIT). CI runs the fast subset with `mvn -B verify`.
#
#   scripts/reliability.sh                      # every scenario
#   scripts/reliability.sh -Dit.test=SoakIT     # one of them (extra arguments go to Maven)
#   scripts/reliability.sh -Dit.test=SoakIT -Dhookguard.soak.minutes=15   # a longer soak
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL (the scenarios create and drop databases of their own there) and Redis (the lease scenario).
if [[ -z "${HOOKGUARD_TEST_DATABASE_URL:-}" ]]; then
    db=hookguard_reliability
    psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" -c "CREATE DATABASE ${db}"
    export HOOKGUARD_TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/${db}?user=postgres"
fi
export HOOKGUARD_TEST_REDIS_URL="${HOOKGUARD_TEST_REDIS_URL:-redis://127.0.0.1:6379}"

rm -rf app/target/reliability-figures.txt app/target/reliability-logs
status=0
mvn -B verify -Preliability -pl app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='**/reliability/*IT,**/forwarding/ForwardingFiguresIT' "$@" || status=$?

echo
echo "== figures (app/target/reliability-figures.txt)"
cat app/target/reliability-figures.txt 2>/dev/null || echo "(none recorded)"
exit "${status}"
