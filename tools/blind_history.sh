#!/usr/bin/env bash
# The blind first runs of the annotation sets that arrived before kg.extract.blind existed, rebuilt from git history:
# for each set, the extractor of the commit that added the set (annotated blind, on a branch the extractor was never
# tuned on) is run on that commit's version of the set, and its relations are written as rows of
# ontology/relation-blind.csv (set, case, subject, kind, object, confidence, stated).  Deterministic: the same history
# gives the same rows.  Usage: tools/blind_history.sh [OUT.csv]   (default: print the rows)
# Sets: real-e .. real-j (the relation model existed from real-e on; earlier sets had no calibrated confidence).
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/run.py" <<'PY'
import csv, sys
from pathlib import Path
from kg.extract.evaluate import Predictor
from kg.extract.gold import GoldNames, load_cases
path, name = Path(sys.argv[1]), sys.argv[2]
predictor = Predictor()
names = GoldNames(predictor.known)
out = csv.writer(sys.stdout, lineterminator="\n")
for case in load_cases(path):
    _, _, relations, _ = predictor.predict(case["text"], case.get("lang"))
    classes = names.classes(case.get("entities", []))
    gold = {(names.term(s, classes), p, names.term(o, classes)) for s, p, o in case.get("relations", [])}
    for (s, p, o), c in sorted(relations.items()):
        out.writerow([name, case["id"], s, p, o, f"{c:.2f}", int((s, p, o) in gold)])
PY
rows="$work/rows.csv"
: > "$rows"
for s in e f g h i j; do
  file="tests/data/annotations/dev/real-$s.toml"
  commit=$(git -C "$repo" log --diff-filter=A --format=%h -- "$file" | tail -1)
  mkdir -p "$work/$commit"
  git -C "$repo" archive "$commit" | tar -x -C "$work/$commit"
  if ! (cd "$work/$commit" && KG_CACHE_DIR="$work/cache-$commit" XDG_CACHE_HOME="$work/xdg-$commit" PYTHONPATH="$work/$commit" \
    python3 "$work/run.py" "$file" "real-$s" 2>"$work/real-$s.log" >> "$rows"); then
    echo "blind_history: real-$s at $commit failed:" >&2; tail -5 "$work/real-$s.log" >&2; exit 1
  fi
done
if [ $# -ge 1 ]; then cp "$rows" "$1"; else cat "$rows"; fi
