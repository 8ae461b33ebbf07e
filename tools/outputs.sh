#!/usr/bin/env bash
# Every user-visible output of a checkout's `kg`, for byte-for-byte comparison of two versions
# (a refactoring must leave them identical):
#   tools/outputs.sh REPO DEST      then      diff -r DEST_BEFORE DEST_AFTER
# REPO is a checkout with its own .venv (pip install -e .). Builds the sample and a 20-document synthetic
# corpus, then exports every format, runs every named query, validates, draws the network, publishes the
# site, prints every command's help and runs kg evaluate. Folder names differ in build.stdout and validate.txt.
set -u
R=$(cd "$1" && pwd); D=$2; KG=$R/.venv/bin/kg
rm -rf "$D"; mkdir -p "$D"; D=$(cd "$D" && pwd); cd "$D"
(cd "$R" && .venv/bin/python -m bench.synth "$D/corpus" -n 20 --lang mix --seed 7 > /dev/null)
$KG build --out "$D/sample" --no-cache > "$D/build.stdout" 2>&1
$KG build "$D/corpus" --out "$D/synth" --no-cache -j 2 > /dev/null 2>&1
for f in jsonld nt trig nq ttl; do $KG export --data "$D/sample" --format $f --out "$D/exp.$f" > /dev/null 2>&1 || echo "export $f failed" >> "$D/errors"; done
for q in "$R"/queries/*.rq; do q=$(basename "$q" .rq); $KG query "$q" --data "$D/sample/kg.ttl" > "$D/q-$q.txt" 2>&1; done
$KG query partners --data "$D/sample/kg.ttl" --format csv > "$D/q-partners.csv" 2>&1
$KG validate "$D/sample/kg.ttl" > "$D/validate.txt" 2>&1
$KG network --data "$D/sample/kg.ttl" --out "$D/net" > /dev/null 2>&1
$KG publish --data "$D/sample" --out "$D/site" > /dev/null 2>&1
for c in build query export network publish push serve validate evaluate; do $KG $c --help > "$D/help-$c.txt" 2>&1; done
$KG --help > "$D/help.txt" 2>&1
(cd "$R" && $KG evaluate > "$D/evaluate.txt" 2>&1)
rm -rf "$D"/*/.kg-build.lock "$D"/*/.cache
