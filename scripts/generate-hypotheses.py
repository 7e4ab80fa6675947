#!/usr/bin/env python3
"""Writes a playbook folder of N generated hypotheses of realistic length (title, change,
audience, outcome, rationale: 45-80 words), ten percent of them restated in other words by
another squad. Content words follow Zipf's law over a vocabulary of 30,000: the words of the
example playbook's own texts (playbooks/ in this repository) by frequency, then made-up
words for the long tail, as in real text where most words are rare.
Usage: generate-hypotheses.py N DIR [PER_FILE]"""
import os, random, sys

from zipf_vocabulary import word_drawer

n, root = int(sys.argv[1]), sys.argv[2]
per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = random.Random(42)

words = word_drawer(rng)
fillers = ["the", "a", "for", "on", "in", "with", "to", "of", "when", "after"]


def phrase(k):
    out = []
    for w in words(k):
        out.append(w)
        if rng.random() < 0.35:
            out.append(rng.choice(fillers))
    return " ".join(out)

audiences = ["new users", "returning learners", "trial users", "lapsed subscribers", "students", "families", "users in Brazil",
             "users in Japan", "Android users", "web visitors", "users who finished one lesson", "annual subscribers",
             "iOS users in Germany", "business accounts", "teachers", "exam candidates", "commuters"]
outcomes = ["increase day-7 retention", "raise trial-to-paid conversion", "reduce churn", "grow weekly active learners",
            "lift referral invites", "increase average order value", "reduce refund requests", "improve lesson completion"]

def hypothesis():
    return {"title": phrase(rng.randint(4, 7)).capitalize(), "change": phrase(rng.randint(10, 16)),
            "audience": rng.choice(audiences) + " " + phrase(rng.randint(1, 3)),
            "outcome": f"{rng.choice(outcomes)} by {rng.choice([2, 3, 5, 8, 10])}% as {phrase(rng.randint(2, 5))}",
            "rationale": phrase(rng.randint(10, 20))}

def restate(h):
    """Another squad's wording: a fifth of the words replaced, some reordered."""
    out = dict(h)
    for key in ("title", "change", "rationale"):
        tokens = h[key].split()
        tokens = [words(1)[0] if rng.random() < 0.2 else t for t in tokens]
        if len(tokens) > 3 and rng.random() < 0.5:
            i = rng.randrange(len(tokens) - 1)
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        out[key] = " ".join(tokens)
    return out

docs = []
known = []  # (original, restatement) as 1-based numbers
while len(docs) < n:
    h = hypothesis()
    docs.append(h)
    if rng.random() < 0.1 and len(docs) < n:
        docs.append(restate(h))
        known.append((len(docs) - 1, len(docs)))
# The known duplicates, for measuring: one pair of ids a line.
with open(os.path.join(root, "known-duplicates.txt"), "w") as f:
    for a, b in known:
        f.write(f"HYP-{a:05d} HYP-{b:05d}\n")

os.makedirs(os.path.join(root, "playbooks", "hypotheses"), exist_ok=True)
for start in range(0, n, per_file):
    parts = []
    for i in range(start, min(n, start + per_file)):
        h = docs[i]
        parts.append(f"""kind: Hypothesis
id: HYP-{i + 1:05d}
squad: squad-{i % 40:02d}
title: "{h['title']}"
statement:
  change: "{h['change']}"
  audience: "{h['audience']}"
  outcome: "{h['outcome']}"
  rationale: "{h['rationale']}"
metric: d1-retention
expected_lift: 0.03
ice: {{impact: {rng.randint(1, 10)}, confidence: {rng.randint(1, 10)}, ease: {rng.randint(1, 10)}}}
status: backlog
""")
    with open(os.path.join(root, "playbooks", "hypotheses", f"batch-{start // per_file:05d}.yml"), "w") as f:
        f.write("---\n".join(parts))
