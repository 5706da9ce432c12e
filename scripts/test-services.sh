#!/usr/bin/env bash
# Install (when missing) and start what the tests need beyond Python: a throwaway
# PostgreSQL server on 127.0.0.1, Debian's Chromium for the browser tests, the CJK
# fonts the rendered pages and documents use, and LibreOffice and poppler, with which the
# render tests print the report and the forms to PDF and read the pages and fonts back. Prints the DATABASE_URL to test against.
set -euo pipefail
PORT="${JIXIAO_TEST_PG_PORT:-54329}"
DATA="${JIXIAO_TEST_PG_DIR:-/tmp/jixiao-test-pg}"

need=()
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdffonts >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "需要安装：${need[*]}（请以 root 运行，或先用 apt-get 安装）" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
fi

BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! run_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
  run_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" -w start >/dev/null
  "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE ROLE jixiao LOGIN CREATEDB PASSWORD 'jixiao'" >/dev/null
  "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE jixiao OWNER jixiao" >/dev/null
fi
echo "postgres://jixiao:jixiao@127.0.0.1:$PORT/jixiao"
