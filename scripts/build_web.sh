#!/usr/bin/env bash
# Copy the web app's third-party assets (Leaflet, markercluster, topojson-client and the
# world-atlas basemap) from npm into frontlines/interfaces/web/vendor/.
# Idempotent: npm runs only when web/node_modules is missing or older than the lock file,
# and files are copied only when they changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/web"
MODULES="$WEB/node_modules"
VENDOR="$ROOT/frontlines/interfaces/web/vendor"
STAMP="$MODULES/.frontlines-installed"

if ! command -v npm >/dev/null 2>&1; then
    echo "build_web.sh: npm is required (apt-get install nodejs npm)" >&2
    exit 1
fi

if [ ! -f "$STAMP" ] || [ "$WEB/package.json" -nt "$STAMP" ] \
    || { [ -f "$WEB/package-lock.json" ] && [ "$WEB/package-lock.json" -nt "$STAMP" ]; }; then
    if [ -f "$WEB/package-lock.json" ]; then
        (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
    else
        (cd "$WEB" && npm install --no-audit --no-fund --loglevel=error)
    fi
    touch "$STAMP"
fi

mkdir -p "$VENDOR/images"
copy() {  # copy SRC DEST only when the content differs
    if ! cmp -s "$1" "$2"; then
        cp "$1" "$2"
    fi
}
copy "$MODULES/leaflet/dist/leaflet.js" "$VENDOR/leaflet.js"
copy "$MODULES/leaflet/dist/leaflet.css" "$VENDOR/leaflet.css"
for img in "$MODULES"/leaflet/dist/images/*.png; do
    copy "$img" "$VENDOR/images/$(basename "$img")"
done
copy "$MODULES/leaflet.markercluster/dist/leaflet.markercluster.js" "$VENDOR/leaflet.markercluster.js"
copy "$MODULES/leaflet.markercluster/dist/MarkerCluster.css" "$VENDOR/MarkerCluster.css"
copy "$MODULES/leaflet.markercluster/dist/MarkerCluster.Default.css" "$VENDOR/MarkerCluster.Default.css"
copy "$MODULES/topojson-client/dist/topojson-client.min.js" "$VENDOR/topojson-client.min.js"
copy "$MODULES/world-atlas/countries-50m.json" "$VENDOR/countries-50m.json"
copy "$MODULES/leaflet/LICENSE" "$VENDOR/LICENSE.leaflet"
copy "$MODULES/leaflet.markercluster/MIT-LICENCE.txt" "$VENDOR/LICENSE.markercluster"
copy "$MODULES/topojson-client/LICENSE" "$VENDOR/LICENSE.topojson-client"
copy "$MODULES/world-atlas/LICENSE" "$VENDOR/LICENSE.world-atlas"
echo "web assets in $VENDOR"
