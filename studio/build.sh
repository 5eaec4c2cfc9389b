#!/bin/sh
# Rebuilds the drafting studio's bundle, src/studio/assets/studio.js, which
# the exec-report binary embeds. Runs from any folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../src/studio/assets/studio.js"
cd "$here"
npm ci --no-audit --no-fund
./node_modules/.bin/esbuild src/main.js \
  --bundle \
  --format=iife \
  --minify \
  --target=es2020 \
  --legal-comments=eof \
  --banner:js="/* exec-report drafting studio. Bundles CodeMirror 6 and Lezer (MIT licence, (c) Marijn Haverbeke and others). */" \
  --log-level=warning \
  --outfile="$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
