#!/usr/bin/env bash
# Re-vendor the query page's JavaScript into kg/static/ from the npm registry, at pinned
# versions, so that `kg serve` loads nothing from a CDN at run time.
#
#   scripts/vendor_yasgui.sh            # the pinned versions below
#   YASGUI_VERSION=4.6.3 scripts/vendor_yasgui.sh
#
# @zazuko/yasgui is the maintained YASGUI (Zazuko's continuation of Triply's, whose
# @triply/yasgui stopped at 4.2.28); its build bundles YASQE and YASR. YASR ships no chart
# plugin, so charts are drawn by Chart.js through kg/static/yasr-chart.js (our own plugin).
set -euo pipefail

YASGUI_VERSION="${YASGUI_VERSION:-4.6.2}"
CHARTJS_VERSION="${CHARTJS_VERSION:-4.6.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATIC="$ROOT/kg/static"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

unpack() {  # unpack PACKAGE@VERSION into $WORK/NAME
    local spec="$1" name="$2"
    (cd "$WORK" && npm pack --silent "$spec" > "$name.tgz.name")
    mkdir -p "$WORK/$name"
    tar xzf "$WORK/$(cat "$WORK/$name.tgz.name")" -C "$WORK/$name" --strip-components=1
}

unpack "@zazuko/yasgui@$YASGUI_VERSION" yasgui
unpack "chart.js@$CHARTJS_VERSION" chartjs

rm -rf "$STATIC/yasgui" "$STATIC/chartjs"
mkdir -p "$STATIC/yasgui" "$STATIC/chartjs"
cp "$WORK/yasgui/build/yasgui.min.js" "$WORK/yasgui/build/yasgui.min.css" "$STATIC/yasgui/"
cp "$WORK/chartjs/dist/chart.umd.min.js" "$WORK/chartjs/LICENSE.md" "$STATIC/chartjs/"
# The source maps are left out: they point at files the package does not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$STATIC/yasgui/yasgui.min.js" "$STATIC/chartjs/chart.umd.min.js"

# The npm package declares MIT in package.json but ships no licence file.
cat > "$STATIC/yasgui/LICENSE.txt" <<LICENSE
@zazuko/yasgui $YASGUI_VERSION (YASGUI, YASQE and YASR, bundled) from the npm registry.
Declared licence (package.json): MIT. Authors: Triply <info@triply.cc>, Zazuko GmbH.
Source: https://github.com/rdfjs/Yasgui

The bundle includes its npm dependencies, each MIT-licensed unless noted:
$(node -e 'const p=require(process.argv[1]);for(const [n,v] of Object.entries(p.dependencies||{}))console.log("  "+n+" "+v)' "$WORK/yasgui/package.json")
  (dompurify is dual-licensed MPL-2.0 / Apache-2.0; CodeMirror 5, DataTables and jQuery are MIT)

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LICENSE

printf '@zazuko/yasgui %s\nchart.js %s\n' "$YASGUI_VERSION" "$CHARTJS_VERSION" > "$STATIC/VERSIONS"
echo "vendored @zazuko/yasgui $YASGUI_VERSION and chart.js $CHARTJS_VERSION into $STATIC"
