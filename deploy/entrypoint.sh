#!/bin/sh
# Starts one of the portal's processes (deploy/README.md):
#
#   deploy/entrypoint.sh web            the app server: gunicorn with deploy/gunicorn.conf.py
#   deploy/entrypoint.sh notifications  the email sender: manage.py send_notifications --loop 60
#   deploy/entrypoint.sh COMMAND…       anything else, e.g. `manage.py backup /backups/x.dump`
#
# Before serving, `web` checks that the database has every migration of this code and refuses
# to start otherwise (exit status 3; 4 when the database cannot be reached), so new code never runs on an old schema. MIGRATE_ON_START=1
# runs the migrations instead (one app server at a time: give it to one instance, or run
# `manage.py migrate` as a release step). Static files are collected when the image is built
# (`manage.py collectstatic --no-input`), not here.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}

check_schema() {
  if [ "${MIGRATE_ON_START:-0}" = 1 ]; then
    echo "entrypoint: MIGRATE_ON_START=1: applying migrations" >&2
    "$PYTHON" manage.py migrate --no-input
  else
    status=0
    output=$("$PYTHON" manage.py migrate --check 2>&1) || status=$?
    if [ "$status" != 0 ] && printf '%s' "$output" | grep -q -e Traceback -e 'rror:'; then
      # Not a verdict on the schema: the check itself failed (database unreachable, bad settings).
      printf '%s\n' "$output" | tail -n 5 >&2
      echo "entrypoint: could not check the migrations (is the database reachable?); refusing to start." >&2
      exit 4
    elif [ "$status" != 0 ]; then
      echo "entrypoint: the database lacks migrations of this code; refusing to start." >&2
      echo "entrypoint: run 'python manage.py migrate' (or start once with MIGRATE_ON_START=1). Missing:" >&2
      "$PYTHON" manage.py showmigrations --plan 2>/dev/null | grep -F '[ ]' | head -n 20 >&2 || true
      exit 3
    fi
  fi
  # The cache table for CACHE_URL=db:// (does nothing for other caches, or when it exists).
  "$PYTHON" manage.py createcachetable
}

case "${1:-web}" in
  web)
    check_schema
    exec "$PYTHON" -m gunicorn -c deploy/gunicorn.conf.py
    ;;
  notifications)
    exec "$PYTHON" manage.py send_notifications --loop "${NOTIFICATIONS_INTERVAL:-60}"
    ;;
  *)
    exec "$@"
    ;;
esac
