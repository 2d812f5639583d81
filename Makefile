# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_WERROR=ON

.PHONY: all deps configure build run test test-asan bench clean fuzz fuzz-smoke

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Extracts the bundled example pages.
run: build
	./$(BUILD)/gazette extract examples/ --format text

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DGAZETTE_WERROR=ON -DGAZETTE_SANITIZE=ON"

# Quality and speed on ../shared/bench, the parser alone, and the bench WARC; writes BENCHMARKS.md.
bench: build
	python3 bench/run.py --gazette $(BUILD)/gazette --out BENCHMARKS.md --parsers gazette,gumbo \
	  --parse-bench $(BUILD)/tools/parse_bench --dedup-eval $(BUILD)/tools/dedup_eval --warc

# libFuzzer + ASan/UBSan targets (fuzz/), built with clang-14 into build-fuzz/
# (docs/robustness.md). FUZZ_SECONDS per target; FUZZ_TARGETS="extract date" for some only.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI: each target for its smoke time in fuzz/targets.txt (540 s of fuzzing in all).
fuzz-smoke: deps
	scripts/fuzz.sh --smoke

clean:
	rm -rf build build-asan build-fuzz
