# Quorum — the two commands are `make run` and `make test`.
# Works with pyenv (.python-version says 3.13) or with python3.13 / python3.12 on PATH.

PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test venv dev-venv lint format migrate translations messages check-translations demo clean \
	image rehearsal

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "Quorum needs Python 3.12 or newer (python3.13 or python3.12 on PATH)."; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt requirements/no-deps.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -r requirements/no-deps.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt requirements/no-deps.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -r requirements/no-deps.txt
	@touch $@ $(VENV)/.base-installed

venv: $(VENV)/.base-installed
dev-venv: $(VENV)/.dev-installed

translations: venv
	$(MANAGE) compiletranslations

## make run: install, migrate, compile translations, load demo data and serve.
run: venv translations
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Quorum is running at http://$(HOST):$(PORT)/   (Ctrl+C to stop)"
	@echo "  Mail is printed here and saved under var/mail/."
	@echo ""
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/gunicorn config.wsgi:application \
		--bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile - --log-level warning

## make test: install dev requirements and run the whole suite, on one
## pytest-xdist worker per CPU (PYTEST_WORKERS=0 runs it in one process).
## worksteal: idle workers take tests queued on busy ones, so the few long
## tests (browser journeys, the API schema fuzzing) do not leave a CPU idle.
PYTEST_WORKERS ?= auto
test: dev-venv
	$(MANAGE) compiletranslations --verbosity 0
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: extract strings for every shipped locale (needs GNU gettext).
# LOCALES lists the directories under locale/ (settings.LANGUAGES, as locale names).
LOCALES := en es fr de pt_BR ar he pl
MESSAGES_IGNORE := --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'var/*' \
	--ignore 'test-artifacts/*' --ignore 'tests/*' --ignore 'bench/*'
messages: dev-venv
	$(MANAGE) makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete $(MESSAGES_IGNORE)
	$(MANAGE) prefill_third_party

check-translations: dev-venv
	$(MANAGE) checktranslations

## make image: build the production image with podman on a machine with no Docker
## engine and no registry (base image from debootstrap; see deploy/build-image.sh).
## Root only. On a normal host: `docker build -t quorum .` is enough.
image:
	deploy/build-image.sh

## make rehearsal: run the image as production does (two web nodes behind nginx,
## the worker, PostgreSQL with a streaming read replica, Redis on loopback ports),
## a smoke journey, the JSON logs and /metrics, reads from the replica and the
## fault drills; prints each figure and fails on any error (deploy/rehearse.py).
## Root only. REHEARSAL_MODE=auto (default: containers when podman can run the
## image, else processes from a read-only copy of the checkout as uid 10001),
## containers or processes (no image built); REHEARSAL_ARGS e.g. --drills web --keep.
REHEARSAL_MODE ?= auto
rehearsal: dev-venv
	deploy/setup-host.sh
	@built=yes; \
	if [ "$(REHEARSAL_MODE)" != processes ]; then deploy/build-image.sh || built=no; fi; \
	if [ $$built = no ]; then \
		[ "$(REHEARSAL_MODE)" = auto ] || exit 1; \
		echo "make rehearsal: make image failed; the rehearsal runs as processes" >&2; \
		export QUORUM_IMAGE_BUILD=failed; \
	fi; \
	echo "$(BIN)/python deploy/rehearse.py --mode $(REHEARSAL_MODE) $(REHEARSAL_ARGS)"; \
	$(BIN)/python deploy/rehearse.py --mode $(REHEARSAL_MODE) $(REHEARSAL_ARGS)

## make schema-diagram: the entity–relationship diagram of Quorum's models,
## docs/schema.dot (graph_models of django-extensions, a dev dependency) and
## docs/schema.svg drawn from it (needs graphviz's `dot`). The .dot is the
## source compared in CI (make check-schema-diagram): graphviz's SVG output
## varies between its versions, the .dot does not.
.PHONY: schema-diagram schema-dot check-schema-diagram
SCHEMA_APPS := core accounts registration profiles communities tags posts comments messaging moderation \
	notifications privacy api
SCHEMA_DIR ?= docs
schema-dot: dev-venv
	@mkdir -p var
	$(MANAGE) graph_models $(SCHEMA_APPS) --group-models --no-inheritance --exclude-models AbstractUser --dot \
		--settings config.settings.diagram -o var/schema.raw.dot
	@# Drop the two lines that change on every run (the date, the output path).
	sed -e '/^  \/\/ Created:/d' -e '/^  \/\/ Cli Options:/d' var/schema.raw.dot > $(SCHEMA_DIR)/schema.dot
	@rm -f var/schema.raw.dot

schema-diagram: schema-dot
	dot -Tsvg docs/schema.dot -o docs/schema.svg

check-schema-diagram:
	@tmp=$$(mktemp -d) && $(MAKE) --no-print-directory schema-dot SCHEMA_DIR=$$tmp >/dev/null && \
	if diff -u docs/schema.dot $$tmp/schema.dot; then echo "docs/schema.dot is current"; rm -rf $$tmp; \
	else echo "docs/schema.dot is out of date: run make schema-diagram and commit docs/schema.*"; \
	rm -rf $$tmp; exit 1; fi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
