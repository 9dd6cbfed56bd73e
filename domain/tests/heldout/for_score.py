#!/usr/bin/env python3
"""Writes the held-out labels of one half in the form ../shared/tools/score.py reads, with
each labelled place read from the policy's text (the labels themselves quote none of it), into
a new temporary folder, and prints the folder.

  python3 ../shared/tools/score.py target/debug/attest labels \\
      "$(python3 domain/tests/heldout/for_score.py held)"
"""
import glob, json, os, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS = os.environ.get("ATTEST_POLICIES_EXTRA") or os.path.join(
    HERE, "..", "..", "..", "..", "shared", "policies-extra")


def read(text, place):
    line, column = map(int, place["at"].split(":"))
    start = sum(len(l) + 1 for l in text.split("\n")[:line - 1]) + column
    return " ".join(text[start:start + place["chars"]].split())


def main():
    half = sys.argv[1]
    out = tempfile.mkdtemp(prefix=f"heldout-{half}-")
    for path in sorted(glob.glob(os.path.join(HERE, half, "*.labels.json"))):
        name = os.path.basename(path)
        with open(path) as f:
            labels = json.load(f)
        with open(os.path.join(TEXTS, name.replace(".labels.json", ".txt")), encoding="utf-8") as f:
            text = f.read()
        labels["modality_samples"] = [
            {"text_start": read(text, s), "modality": s["modality"]}
            for s in labels.get("modality_samples", [])]
        labels["furniture"] = [read(text, p) for p in labels.get("furniture", [])]
        with open(os.path.join(out, name), "w") as f:
            json.dump(labels, f)
    print(out)


if __name__ == "__main__":
    main()
