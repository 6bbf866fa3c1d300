# desk — see README.md. `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
SWIFT ?= swift
DEMO_DB ?= $(CURDIR)/.demo/desk.sqlite
BENCH_DB ?= $(CURDIR)/.bench/desk-100k.sqlite
DEMO_AGENT ?= ada
BIN := .build/debug/desk
RELEASE_BIN := .build/release/desk

.PHONY: run test build release bench demo demo-check e2e-repeat deps test-deps docs format lint clean fuzz fuzz-build fuzz-smoke

# Installs the Debian packages named in $(1) with apt-get, only those whose check $(2) fails.
define ensure
	@missing=""; \
	for p in $(1); do $(2) || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

# System libraries for building.
deps:
	$(call ensure,libncursesw5-dev libsqlite3-dev,dpkg -s $$p >/dev/null 2>&1)

# What the tests need beyond that: tmux (terminal end-to-end tests) and the sqlite3 shell (bench ratio).
test-deps: deps
	$(call ensure,tmux sqlite3,command -v $$p >/dev/null 2>&1)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	@[ -f "$(DEMO_DB)" ] || $(BIN) demo --db "$(DEMO_DB)"

run: demo
	$(BIN) --db "$(DEMO_DB)" --agent $(DEMO_AGENT)

# What `make run` does on a fresh clone, short of opening the console: `make demo` into folders
# that do not exist yet, then the demo agent's queue from it. CI runs this before the tests.
demo-check: build
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; db="$$dir/new/dir/desk.sqlite"; \
	$(MAKE) --no-print-directory demo DEMO_DB="$$db" && \
	$(BIN) ticket list --db "$$db" --agent $(DEMO_AGENT) --view mine --limit 3 && \
	echo "demo-check: the demo builds into a fresh folder and opens"

# The tests are XCTest plus Swift Testing (the property tests); the last line is the plain
# "N passed, N failed" summary of both.
test: test-deps
	$(SWIFT) build
	$(MAKE) --no-print-directory fuzz-smoke
	@DESK_BIN=$(CURDIR)/$(BIN) $(SWIFT) test 2>&1 | tee .build/test.log; status=$${PIPESTATUS[0]}; \
	summary=$$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" .build/test.log | tail -1); \
	total=$$(echo "$$summary" | sed -E 's/.*Executed ([0-9]+) test.*/\1/'); \
	failed=$$(echo "$$summary" | sed -E 's/.*with ([0-9]+) failure.*/\1/'); \
	st=$$(grep -E "Test run with [0-9]+ tests?" .build/test.log | tail -1); \
	st_total=$$(echo "$$st" | sed -nE 's/.*Test run with ([0-9]+) tests?.*/\1/p'); \
	st_failed=$$(grep -cE "^✘ Test [A-Za-z_]+\(.*\) failed" .build/test.log); \
	total=$$(( $${total:-0} + $${st_total:-0} )); failed=$$(( $${failed:-0} + $${st_failed:-0} )); \
	if [ "$$status" != 0 ]; then echo "--- failures (full log: .build/test.log) ---"; \
	  grep -E "error: |: error:|Fatal error|signal| failed after" .build/test.log | cut -c1-400 | head -40; fi; \
	if [ -n "$$summary" ]; then echo "$$((total - failed)) passed, $$failed failed"; fi; \
	exit $$status

# The terminal end-to-end tests (every *EndToEndTests class, under tmux) N times in a row, to
# catch a flaky one before CI does; ends with "k/N passed" and fails unless all passed (a run
# that executed no test does not count as passed).
N ?= 10
e2e-repeat: test-deps
	$(SWIFT) build --build-tests
	@pass=0; for i in $$(seq 1 $(N)); do \
	  log=.build/e2e-repeat-$$i.log; \
	  if DESK_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --disable-swift-testing --filter 'EndToEndTests' >$$log 2>&1 \
	    && grep -qE "Executed [1-9][0-9]* tests?, with 0 failures" $$log; \
	  then pass=$$((pass + 1)); echo "run $$i/$(N): passed"; \
	  else echo "run $$i/$(N): FAILED (log: $$log)"; grep -E "error: |Fatal error" $$log | cut -c1-300 | head -5; fi; \
	done; \
	echo "$$pass/$(N) passed"; [ "$$pass" = "$(N)" ]

# The MIME parser's libFuzzer target, in its own scratch path (a sanitizer build of every
# dependency). `make fuzz` runs it for FUZZ_SECONDS over the committed seed corpus plus what it
# finds (kept in .build-fuzz/corpus); `fuzz-smoke` is the short run `make test` includes.
FUZZ_BIN := .build-fuzz/debug/desk-fuzz
FUZZ_SECONDS ?= 600
fuzz-build: deps
	DESK_FUZZ=1 $(SWIFT) build --sanitize=fuzzer --product desk-fuzz --scratch-path .build-fuzz

fuzz: fuzz-build
	mkdir -p .build-fuzz/corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 -timeout=10 .build-fuzz/corpus Fuzz/corpus

# New inputs go to the first corpus folder: a scratch one, so the committed seeds stay as they are.
fuzz-smoke: fuzz-build
	mkdir -p .build-fuzz/smoke-corpus
	$(FUZZ_BIN) -max_total_time=20 -max_len=65536 -rss_limit_mb=2048 -timeout=10 .build-fuzz/smoke-corpus Fuzz/corpus -runs=200000 >/dev/null 2>.build-fuzz/smoke.log \
	  || { tail -40 .build-fuzz/smoke.log; exit 1; }
	@grep -E "^Done|DONE" .build-fuzz/smoke.log | tail -1

# Seeds 100,000 tickets / 1,000,000 messages once, then measures the release build on them.
bench: release
	@[ -f "$(BENCH_DB)" ] || $(RELEASE_BIN) seed --db "$(BENCH_DB)" --tickets 100000 --messages-per-ticket 10 --seed 1
	$(RELEASE_BIN) bench --db "$(BENCH_DB)" --agent agent0

docs: build
	$(BIN) keymap > docs/keymap.md

# The toolchain's swift-format with the checked-in .swift-format.
format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

clean:
	rm -rf .build .demo .bench
