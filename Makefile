# The two commands: `make run` and `make test`. Everything else is a helper they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests run with DEBUG off, like production, over plain HTTP (the browser tests use a live
# server); the key only signs test cookies.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-not-a-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1 SECURE_SSL_REDIRECT=0
PYTEST_ARGS ?= -n 2 -p no:cacheprovider

.PHONY: run test fuzz test-sqlite test-postgres install install-test migrate demo messages bench fault-test check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-data.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-data.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input

demo: migrate
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py loaddemo

# The email sender runs beside the server: notifications are printed here as they are sent.
run: demo
	@echo "Serving the portal at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it); emails are printed below"
	@trap 'kill $$sender 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py send_notifications --loop 5 & sender=$$!; \
	DEBUG=$${DEBUG:-1} MFA_DEMO_BYPASS_CODE=$${MFA_DEMO_BYPASS_CODE-000000} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Both runs always happen, so one failing database does not hide the other's result.
test: install-test
	@echo "==================== test suite on SQLite ===================="
	@sqlite=0; env -u DATABASE_URL $(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS) || sqlite=$$?; \
	postgres=0; \
	if [ "$${SKIP_POSTGRES:-0}" = 1 ]; then \
	  echo "!!! SKIP_POSTGRES=1: the PostgreSQL run was skipped !!!"; \
	else \
	  echo "==================== test suite on PostgreSQL ===================="; \
	  $(TEST_ENV) scripts/with-postgres $(BIN)/python -m pytest $(PYTEST_ARGS) || postgres=$$?; \
	fi; \
	echo "==================== SQLite exit status: $$sqlite, PostgreSQL exit status: $$postgres ===================="; \
	[ $$sqlite = 0 ] && [ $$postgres = 0 ]

# The fuzz tests again, on PostgreSQL, with fresh examples drawn from a seed that is printed
# (FUZZ_SEED=N replays the same ones). `make test` under CI=1 replays a fixed batch instead.
fuzz: install-test
	@seed=$${FUZZ_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; \
	echo "==================== fresh fuzz examples from seed $$seed (FUZZ_SEED=$$seed make fuzz replays them) ===================="; \
	env -u CI FUZZ_SEED=$$seed $(TEST_ENV) scripts/with-postgres $(BIN)/python -m pytest $(PYTEST_ARGS) -m hypothesis --hypothesis-seed=$$seed tests/security

# Rebuild the interface catalogs after changing user-facing strings (needs GNU gettext).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages --no-location --no-obsolete -i ".venv/*" -i "var/*" \
	  -l ar -l es -l fr -l ru -l zh_Hans
	DEBUG=1 $(BIN)/python manage.py compilemessages -i ".venv" -i "var"

# Performance at scale (bench/README.md): a throwaway PostgreSQL, a million synthetic comments,
# four figures measured against references in the same run; writes bench/results.{json,md}.
bench: install
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is missing and this is not root: the throughput figure will not be run"; fi; }
	DEBUG=0 SECRET_KEY=bench-only-not-a-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	  PG_EXTRA_OPTS="$${PG_EXTRA_OPTS:--c shared_buffers=512MB -c max_wal_size=4GB}" scripts/with-postgres $(BIN)/python bench/run.py

# Reliability (scripts/fault_test.py): writers post comments through gunicorn while PostgreSQL,
# durable as in production, restarts and crashes; fails if an acknowledged comment is lost or
# stored twice, if any request gets a 500, or if the site does not recover by itself.
fault-test: install
	DEBUG=0 SECRET_KEY=fault-test-only-not-a-secret ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 \
	  PG_EXTRA_OPTS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on" scripts/with-postgres $(BIN)/python scripts/fault_test.py

# Static analysis and known vulnerabilities (bandit, pip-audit): scripts/check says how.
check: install-test
	scripts/check

clean:
	rm -rf $(VENV) var .pytest_cache
