#!/usr/bin/env python3
"""Rewrites the wording of a generated playbook (`playbook-fixtures N DIR`) as real squads
write it: every hypothesis's title, change, audience text, outcome and rationale and every
experiment's title become text of realistic length (hypotheses 45-80 words) over a Zipf-
distributed vocabulary of 30,000 words (as scripts/generate-hypotheses.py), and a tenth of the
hypotheses restate an earlier one in other words. The structure (ids, metrics, surfaces,
audiences, dates, designs, results, learnings) is left as generated.

The fixture's own texts are built from a few templates, so the pairs that read alike grow with
the square of the texts (51,918 related-work notes at 32,000 files); real playbooks do not.
Usage: realistic-wording.py DIR"""
import glob, os, random, re, sys

from zipf_vocabulary import word_drawer

root = sys.argv[1]
rng = random.Random(7)

words = word_drawer(rng, extra_stop={"kind", "id", "true", "false", "null", "yes", "no", "on", "off"})
fillers = ["the", "a", "for", "on", "in", "with", "to", "of", "when", "after"]


def phrase(k):
    out = []
    for w in words(k):
        out.append(w)
        if rng.random() < 0.35:
            out.append(rng.choice(fillers))
    return " ".join(out)


def restate(text):
    tokens = [words(1)[0] if rng.random() < 0.2 else t for t in text.split()]
    if len(tokens) > 3:
        i = rng.randrange(len(tokens) - 1)
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return " ".join(tokens)


def replace(text, key, indent, value):
    """Replaces `key:` at `indent` (a plain or folded scalar, with its continuation lines)."""
    pattern = re.compile(rf"^{indent}{key}:.*\n(?:{indent}  .*\n)*", re.M)
    return pattern.sub(lambda _: f'{indent}{key}: "{value}"\n', text, count=1)


written = []
for path in sorted(glob.glob(os.path.join(root, "playbooks", "hypotheses", "*.yml"))):
    text = open(path, encoding="utf-8").read()
    if written and rng.random() < 0.1:
        fields = {key: restate(value) for key, value in rng.choice(written).items()}
    else:
        fields = {"title": phrase(rng.randint(4, 7)).capitalize(), "change": phrase(rng.randint(10, 16)),
                  "outcome": phrase(rng.randint(4, 8)), "rationale": phrase(rng.randint(10, 20))}
    written.append(fields)
    text = replace(text, "title", "", fields["title"])
    for key in ("change", "outcome", "rationale"):
        text = replace(text, key, "  ", fields[key])
    open(path, "w", encoding="utf-8").write(text)

for path in sorted(glob.glob(os.path.join(root, "playbooks", "experiments", "*.yml"))):
    text = open(path, encoding="utf-8").read()
    text = replace(text, "title", "", phrase(rng.randint(5, 9)).capitalize())
    open(path, "w", encoding="utf-8").write(text)
