#!/usr/bin/env bash
# Installs the Debian 12 packages Gazette builds and tests with, skipping those already present.
# Uses apt-get (through sudo when not root). Nothing is downloaded from anywhere but Debian's archive.
set -euo pipefail

packages=(
  build-essential cmake pkg-config python3
  libgumbo-dev        # HTML5 tree builder: first parser backend and the reference for our own
  libuchardet-dev     # charset detection for undeclared non-UTF-8 pages
  libcld2-dev         # language identification of the body
  libcctz-dev tzdata  # time zone names (Europe/Paris, CET) through the system tz database
  # Word lists: which words are proper nouns, for sentence-casing all-capitals headlines.
  wfrench wamerican wbritish wngerman wspanish witalian wportuguese wdutch wpolish
  hunspell-fr-classical
  nlohmann-json3-dev  # JSON-LD reading
  libcli11-dev        # command line
  zlib1g-dev          # .gz pages
  libisal-dev         # fast inflate (igzip) for WARC archives
  libbrotli-dev       # brotli Content-Encoding in WARC responses
  libzstd-dev         # .warc.zst input and .zst output
  libcurl4-openssl-dev  # live URLs
  libcpp-httplib-dev  # tests: a loopback HTTP server for the live-URL tests
  libgtest-dev libgmock-dev googletest
  clang-14 libclang-rt-14-dev  # make fuzz: libFuzzer with ASan/UBSan
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
