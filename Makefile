# Two commands do all set-up on a fresh machine:
#   make run    install, build assets, compile translations, migrate, seed demo data, serve
#   make test   the same set-up, then the whole suite (unit + browser tests)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app app
VENDOR := static/vendor

.PHONY: run test setup venv assets translations db i18n-extract bench-quiz bench-live clean

run: setup db
	$(PY) app.py

test: setup
	$(PY) -m pytest

setup: venv assets translations

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

assets: $(VENDOR)/.installed
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js \
	   node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/
	touch $@

translations: venv
	$(PY) -c "from lms.i18n_catalogs import compile_catalogs; compile_catalogs()"

db: venv
	$(FLASK) db upgrade
	$(FLASK) demo seed --if-empty

# Developers: refresh the message catalogue after adding UI strings, then translate vi.po.
i18n-extract: venv
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy --no-location --omit-header \
	  --sort-output -o lms/translations/messages.pot lms courses quizzes templates
	$(VENV)/bin/pybabel update -i lms/translations/messages.pot -d lms/translations \
	  --no-fuzzy-matching --ignore-obsolete

# Live classroom load test (about 3 minutes; 2,000 sockets: check `ulimit -n`).
bench-live: setup
	$(PY) bench/live_room.py --clients 1000

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
