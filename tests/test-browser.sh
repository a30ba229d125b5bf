#!/bin/sh
# The report page as a reader sees it: index.html of ccap-plan opened in headless Chromium,
# in English and in Chinese, at a desktop width (1280 px) and a phone's (390 px).  Fails
# on an error in the console or a script, an image that does not load or has no alt text,
# a page wider than its window, a table that pushes the page wider instead of scrolling in
# its own box, a region name column wider than 60% of the window, or chart text smaller
# than 9 CSS px.  The chart text is measured as the page shows it: for each image, the SVG
# it shows (the <picture>'s choice for the window: currentSrc, a data URI) is parsed, and
# the smallest font-size of its <text> elements, in the SVG's units, is scaled by the
# image's width on the page over the SVG's viewBox width; the smallest over all charts is
# printed ("font=").
# Skipped (77) when Chromium is not installed (Debian: chromium, tools/bootstrap test).
# usage: test-browser.sh CCAP_PLAN SOURCE_DIR
set -u
program=$1
src=$2
case $program in /*) ;; *) program="$PWD/$program" ;; esac
browser=
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "skipped: no Chromium (Debian package chromium)"
    exit 77
fi
. "$(dirname "$0")/harness.sh"
export HOME="$tmp" # Chromium's profile and caches, not the user's

# The checks run in the page: a script placed first in <head> of a copy of index.html
# records every error (console.error, uncaught errors, resources that fail to load), then
# on load every image that did not decode, and the widths.  Headless Chromium makes no
# window narrower than 500 px, so the copy is shown in a frame of the width to check, in
# a page that --dump-dom prints with the findings the frame sends it.
probe='<script>
var ccapErrors = [];
var ccapError = console.error;
console.error = function () { ccapErrors.push("console: " + Array.prototype.join.call(arguments, " ")); ccapError.apply(console, arguments); };
window.addEventListener("error", function (e) {
  var t = e.target;
  ccapErrors.push(t && t !== window ? "cannot load: " + (t.alt || t.src || t.href || t.tagName) : "script: " + e.message);
}, true);
window.addEventListener("load", function () {
  var i, j, imgs = document.images, doc = document.documentElement, r = [];
  var font = Infinity, small = "", names, widest = 0;
  for (i = 0; i < imgs.length; i++) {
    var img = imgs[i], m = /^data:image\/svg\+xml;base64,(.*)$/.exec(img.currentSrc || img.src);
    if (!img.complete || img.naturalWidth === 0) r.push("image not shown: " + img.alt);
    if (!img.alt) r.push("image " + (i + 1) + " has no alt text");
    if (!m) continue;
    var svg = new DOMParser().parseFromString(atob(m[1]), "image/svg+xml").documentElement;
    var scale = img.getBoundingClientRect().width / parseFloat(svg.getAttribute("viewBox").split(/[\s,]+/)[2]);
    var texts = svg.getElementsByTagName("text");
    for (j = 0; j < texts.length; j++) {
      var f = parseFloat(texts[j].getAttribute("font-size")) * scale;
      if (f < font) { font = f; small = img.alt.slice(0, 50); }
    }
  }
  if (font < 9) r.push("chart text " + font.toFixed(1) + " CSS px in: " + small);
  names = document.querySelectorAll("th[scope=row]");
  for (i = 0; i < names.length; i++) widest = Math.max(widest, names[i].getBoundingClientRect().width);
  if (widest > 0.6 * window.innerWidth) r.push("a region name " + widest + " px wide in a window of " + window.innerWidth);
  if (doc.scrollWidth > window.innerWidth) r.push("page " + doc.scrollWidth + " px wide in a window of " + window.innerWidth);
  r = ccapErrors.concat(r);
  parent.postMessage("CHECK images=" + imgs.length + " font=" + font.toFixed(1) + " width=" + window.innerWidth + "\n" + (r.length ? r.join("\n") : "CLEAN"), "*");
});
</script>'
frame='<!DOCTYPE html><html><head><meta charset="utf-8"><script>
window.addEventListener("message", function (e) {
  var out = document.createElement("pre");
  out.id = "ccap-check";
  out.textContent = e.data;
  document.body.appendChild(out);
});
</script></head><body style="margin:0">
<iframe src="PAGE" style="border:0;width:WIDTHpx;height:900px"></iframe></body></html>'

# view DIR WIDTH LABEL: open DIR/index.html (a copy with the probe) WIDTH px wide
view() {
    page="$1/check-$2.html"
    PROBE=$probe awk '{ print } /^<head>$/ && !done { print ENVIRON["PROBE"]; done = 1 }' \
        "$1/index.html" >"$page"
    printf '%s\n' "$frame" | sed "s|PAGE|check-$2.html|; s|WIDTH|$2|" >"$1/frame-$2.html"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-extensions --allow-file-access-from-files --virtual-time-budget=10000 \
        --window-size=1400,1000 --dump-dom "file://$1/frame-$2.html" >"$out" 2>"$err"
    report=$(sed -n '/<pre id="ccap-check">/,/<\/pre>/p' "$out")
    if [ -z "$report" ]; then
        fail "$3, $2 px: the page did not load or the probe did not run"
        tail -5 "$err"
        return
    fi
    # the measurement, for the log: "en, 390 px: images=8 font=12.3 width=390"
    echo "$3, $2 px: $(printf '%s\n' "$report" | sed -n '1s/.*CHECK //p')"
    if printf '%s\n' "$report" | grep -q '^CLEAN'; then ok; else
        fail "$3, $2 px:"
        printf '%s\n' "$report" | sed '1d; s/<\/pre>.*//'
    fi
    # every chart of the report is on the page
    n=$(ls "$1"/*.svg 2>/dev/null | wc -l)
    printf '%s\n' "$report" | grep -q "images=$n " && ok ||
        fail "$3, $2 px: $n charts, but not as many images: $(printf '%s' "$report" | head -1)"
    printf '%s\n' "$report" | grep -q "width=$2\$" && ok ||
        fail "$3, $2 px: the window is not $2 px: $(printf '%s' "$report" | head -1)"
}

for lang in en zh; do
    mkdir "$tmp/$lang"
    ( cd "$tmp/$lang" && CCAP_LOCALEDIR="${CCAP_LOCALEDIR:-}" \
        "$program" --lang "$lang" -o report >"$out" 2>"$err" ) && ok ||
        { fail "ccap-plan --lang $lang"; cat "$err"; continue; }
    for w in 1280 390; do
        view "$tmp/$lang/report" "$w" "$lang"
    done
done
finish
