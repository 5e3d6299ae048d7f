#!/usr/bin/env bash
# Services the downstream tests need (tests/test_report_browser.py, tests/test_db_postgres.py):
# Debian's chromium, PostgreSQL (the tests start their own throwaway server on loopback) and a CJK
# font so report screenshots show Chinese. Idempotent: installs only what is missing, quietly.
set -euo pipefail

packages=(chromium postgresql fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Debian's postgresql package starts a cluster on port 5432; the tests do not need it.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
command -v chromium >/dev/null
echo "ci_services: chromium, postgresql and fonts ready"
