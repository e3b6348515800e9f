# Two commands matter (see README): `make run` and `make test`.
# Both bootstrap .venv from pyproject.toml on first use and again whenever it changes.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench forms screenshots trials package selftest clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("AuditDesk needs Python 3.11 or newer" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/auditdesk

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks trials
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# Kill, fuzz, tamper, leak and hostile-file trials at full size (~20 min); see trials/.
trials: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m trials

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

# Rebuild the bundled checklists (forms/*.xlsx) from forms/src; unchanged workbooks are left alone.
forms: $(STAMP)
	$(BIN)/python -m auditdesk.method.checklist_build

# The desktop package for this OS (PyInstaller one-dir): dist/AuditDesk, and on macOS
# dist/AuditDesk.app. See packaging/auditdesk.spec and the README's "Install" section.
PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/auditdesk.spec
	du -sh dist/AuditDesk

# End-to-end check of the installation (see src/auditdesk/selftest.py), then of the
# frozen package when one has been built.
selftest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/auditdesk --selftest
	@if [ -x dist/AuditDesk/auditdesk ]; then \
		echo "frozen: dist/AuditDesk/auditdesk --selftest"; \
		QT_QPA_PLATFORM=offscreen dist/AuditDesk/auditdesk --selftest; \
	fi

# Interface texts: gather tr()/N_()/ntr() strings, merge them into the French and Spanish
# catalogues (translate the new entries by hand), compile the .mo files the app reads.
translations: $(STAMP)
	$(BIN)/pybabel extract -k tr -k N_ -k ntr:1,2 -k trp:1c,2 -k NP_:1c,2 --no-location --sort-output --project=AuditDesk -o resources/locale/auditdesk.pot src/auditdesk/qt
	$(BIN)/pybabel update -i resources/locale/auditdesk.pot -d resources/locale -D auditdesk --ignore-obsolete --width=100
	$(BIN)/pybabel compile -d resources/locale -D auditdesk --statistics

# The README's pictures: every main screen with the sample audit, offscreen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/auditdesk screenshots docs/screenshots
