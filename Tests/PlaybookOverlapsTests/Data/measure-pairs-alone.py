"""Labelled pairs alone in a repository of their own (two hypotheses and the catalog), through `playbook overlaps`.

The quality tests put a whole set in one repository, where a text's rewording competes with its look-alike and the
other ideas of its metric; this asks what a team with only the two hypotheses would see:

- each labelled pair alone: rewordings found, look-alikes flagged;
- with `--siblings`, every two different ideas of a set on one metric alone (the first sides of its pairs, one per
  idea): how many are called duplicates.

    python3 measure-pairs-alone.py PLAYBOOK_BINARY [--siblings] SET.tsv ...   (seen sets only: the blind sets are refused)
"""
import csv
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile

from replay_modules import BLIND

HERE = os.path.dirname(os.path.abspath(__file__))


def hypothesis(row, side, id, squad):
    return f'''kind: Hypothesis
id: {id}
squad: {squad}
title: "{row[side + '_title']}"
statement:
  change: "{row[side + '_change']}"
  audience: "{row[side + '_audience']}"
  outcome: "{row[side + '_outcome']}"
  rationale: "{row.get(side + '_rationale', '')}"
metric: {row[side + '_metric']}
ice: {{impact: 5, confidence: 5, ease: 5}}
status: backlog
'''


class Alone:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        metrics = csv.DictReader(open(os.path.join(HERE, "growth-metrics.tsv")), delimiter="\t")
        self.catalog = "\n---\n".join(f"kind: Metric\nid: {m['id']}\nname: {m['name']}\nevent: {m['event']}\n"
                                      "unit: percent\ndirection: increase" for m in metrics) + "\n"
        self.work = tempfile.mkdtemp()

    def duplicate(self, first, second):
        """Whether `overlaps` calls the two sides, (row, side) each, duplicates when they are all the repository holds."""
        repo = os.path.join(self.work, "repo")
        shutil.rmtree(repo, ignore_errors=True)
        os.makedirs(os.path.join(repo, "playbooks", "hypotheses"))
        open(os.path.join(repo, "playbooks", "metrics.yml"), "w").write(self.catalog)
        for (row, side), id, squad, name in [(first, "HYP-0001", "squad-a", "a.yml"), (second, "HYP-0002", "squad-b", "b.yml")]:
            open(os.path.join(repo, "playbooks", "hypotheses", name), "w").write(hypothesis(row, side, id, squad))
        subprocess.run(["git", "init", "-q", repo], check=True)
        out = subprocess.run([self.binary, "overlaps", "--format", "json"], cwd=repo, capture_output=True, text=True, check=True)
        return any(o.get("kind") == "duplicate" for o in json.loads(out.stdout)["overlaps"])


def main(args):
    alone, siblings = Alone(args[0]), "--siblings" in args
    for name in [a for a in args[1:] if a != "--siblings"]:
        assert name.split("-pairs")[0] not in BLIND, "the blind sets are never run here"
        rows = list(csv.DictReader(open(os.path.join(HERE, name)), delimiter="\t"))
        if siblings:
            ideas = {}
            for row in rows:
                ideas.setdefault(row["a_change"], row)
            ideas = list(ideas.values())
            same_metric = [(x, y) for x, y in itertools.combinations(ideas, 2) if x["a_metric"] == y["a_metric"]]
            called = [(x["pair"], y["pair"]) for x, y in same_metric if alone.duplicate((x, "a"), (y, "a"))]
            print(f"{name}: {len(called)}/{len(same_metric)} pairs of different ideas on one metric called duplicates {called}")
            continue
        found = flagged = duplicates = 0
        for row in rows:
            called = alone.duplicate((row, "a"), (row, "b"))
            if row["label"] == "duplicate":
                duplicates += 1
                found += called
            elif called:
                flagged += 1
        print(f"{name}: {found}/{duplicates} rewordings found, {flagged}/{len(rows) - duplicates} look-alikes flagged")
    shutil.rmtree(alone.work)


if __name__ == "__main__":
    main(sys.argv[1:])
