#!/usr/bin/env bash
# README's test command, set-up included: on a fresh Debian/Ubuntu machine it installs the Debian
# packages the suite needs when they are missing (as root, or through sudo without a password),
# otherwise says in one line what to install; then `npm ci` and `npm test` (typecheck, lint, jest, the
# Chromium suite). .ci/run calls exactly this. People who have the tools can run `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# package → how to tell it is there
missing=()
command -v xmllint >/dev/null || missing+=(libxml2-utils)                  # manifest and written XML parts
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || missing+=(python3-openpyxl) # an independent .xlsx reader
[ -x /usr/bin/soffice ] || missing+=(libreoffice-calc-nogui)               # recalculates what we write
[ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui) # reads back the Word report draft
command -v ssconvert >/dev/null || missing+=(gnumeric)                     # interop corpus: Gnumeric's .xlsx
/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null || missing+=(python3-xlsxwriter) # interop corpus: xlsxwriter's .xlsx
command -v chromium >/dev/null || missing+=(chromium)                      # the browser suite
# Fonts with Vietnamese glyphs, so the pane's screenshots render as committed.
[ -n "$(fc-list 'Noto Sans' 2>/dev/null)" ] || missing+=(fonts-noto-core fonts-liberation fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then as_root=(sudo)
  else as_root=(none)
  fi
  if [ "${as_root[*]-}" = none ] || ! command -v apt-get >/dev/null; then
    echo "par-scorecard tests need Debian packages first (as root): apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} …"
  "${as_root[@]}" apt-get update -qq
  export DEBIAN_FRONTEND=noninteractive
  others=()
  for p in "${missing[@]}"; do [[ "$p" = libreoffice-*-nogui ]] || others+=("$p"); done
  [ ${#others[@]} -eq 0 ] || "${as_root[@]}" apt-get install -y -qq "${others[@]}" >/dev/null
  # Without recommends, LibreOffice is Calc alone (about 150 MB instead of 600).
  # (Writer likewise: the report's .docx read back as text.)
  office=()
  for p in "${missing[@]}"; do [[ "$p" != libreoffice-*-nogui ]] || office+=("$p"); done
  if [ ${#office[@]} -gt 0 ]; then
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${office[@]}" >/dev/null
  fi
fi

npm ci --no-audit --no-fund
npm test
