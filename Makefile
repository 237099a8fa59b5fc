# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test serve install frontend messages pii-data system-deps proxy-deps lint check lock clean bench-deps bench-pages

run: install frontend messages pii-data  ## Serve the site with demo content on SQLite (development).
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py update_index
	@echo "make run: site on http://$(HOST):$(PORT)/, admin/changeme at /admin/, mail in var/mail/"
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(BIN)/python manage.py db_worker --interval 1 & \
	$(BIN)/python manage.py planner & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install frontend messages pii-data system-deps  ## Run the whole test suite.
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

serve: install frontend messages proxy-deps pii-data  ## Production way to run: nginx, gunicorn, task worker, planner.
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python -m portal.serve --host $(HOST) --port $(PORT)

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e ".[test]"
	touch $@

frontend: node_modules/.installed portal/static/build/portal.css
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@
portal/static/build/portal.css: node_modules/.installed portal/build_css.py portal/static/css/theme.css portal/static/css/layout.css
	$(PYTHON) portal/build_css.py

# Lookup data of the personal-data scan (deduce), built once at install, never in a request.
PII_DATA_DIR ?= var/pii
pii-data: $(PII_DATA_DIR)/.built
$(PII_DATA_DIR)/.built: $(VENV)/.installed
	$(BIN)/python manage.py build_pii_data
	touch $@

messages: install  ## Compile the nl and en gettext catalogues.
	@command -v msgfmt >/dev/null || $(MAKE) system-deps
	cd portal && ../$(BIN)/python ../manage.py compilemessages -v0

# Debian packages the tests need: Chromium (browser tests), Java (HTML checker), gettext.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Debian's nginx, the reverse proxy `make serve` puts in front of gunicorn (deploy/nginx.conf).
proxy-deps:
	@test -x /usr/sbin/nginx || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx)

lint: install
	$(BIN)/ruff check .

check: install  ## Checks CI runs besides the tests.
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

lock:  ## Re-pin requirements.lock after changing pyproject.toml.
	rm -rf /tmp/slp-lock && $(PYTHON) -m venv /tmp/slp-lock
	/tmp/slp-lock/bin/pip install -q --upgrade pip && /tmp/slp-lock/bin/pip install -q -e ".[test]"
	/tmp/slp-lock/bin/pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf $(VENV) node_modules portal/static/build staticfiles var

bench-deps:  ## Tools the benchmarks use (wrk).
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

bench-pages: install frontend messages bench-deps  ## Page throughput against the ceiling.
	$(BIN)/python -m benchmarks.pages
