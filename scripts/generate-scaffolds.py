#!/usr/bin/env python3
"""Writes a playbook repository of N hypotheses spread over four squads, to measure what
`playbook lint` and `playbook overlaps` do with work that reads alike in bulk:

  scaffolds  N hypotheses exactly as `playbook new hypothesis` writes them, every <...>
             placeholder left in (a team that scaffolded its backlog and has not written it yet);
  written    N copies of one written hypothesis (the same idea filed N times).

The repository is made by the playbook given (`init`, then `new hypothesis` once, whose file is
copied with the next ids), so the stubs are what the tool writes today.
Usage: generate-scaffolds.py PLAYBOOK N DIR [scaffolds|written]"""
import os, re, subprocess, sys

playbook, n, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
shape = sys.argv[4] if len(sys.argv) > 4 else "scaffolds"
if shape not in ("scaffolds", "written") or os.path.exists(root):
    sys.exit("usage: generate-scaffolds.py PLAYBOOK N DIR [scaffolds|written]  (DIR must not exist)")
squads = ["squad-1", "squad-2", "squad-3", "squad-4"]

os.makedirs(root)
def run(*arguments):
    subprocess.run([playbook, *arguments], cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

run("init", "--squad", squads[0])
squad_file = open(os.path.join(root, "playbooks/squads", squads[0] + ".yml")).read()
for squad in squads[1:]:
    with open(os.path.join(root, "playbooks/squads", squad + ".yml"), "w") as out:
        out.write(squad_file.replace(squads[0], squad))
run("new", "hypothesis", "--squad", squads[0])
folder = os.path.join(root, "playbooks/hypotheses")
template = open(os.path.join(folder, "HYP-0001.yml")).read()
os.remove(os.path.join(folder, "HYP-0001.yml"))

if shape == "written":
    values = {
        "<the idea in one line>": "Streak reminders bring learners back",
        "<we believe that CHANGE>": "send a push reminder in the evening when a streak is at risk",
        "<for AUDIENCE>": "learners with an active streak",
        "<will OUTCOME>": "more of them come back the next day",
        "<because RATIONALE, the evidence behind it>": "half of the lapsed streaks end on an evening without practice",
        "<metric-id it moves>": "weekly-active-users",
        "<fraction such as 0.03>": "0.02",
        "<1-10>": "6",
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    template = "\n".join(line for line in template.split("\n") if not line.startswith("#"))
    assert "<" not in template, template

for number in range(1, n + 1):
    squad = squads[(number - 1) % len(squads)]
    text = template.replace("HYP-0001", "HYP-%04d" % number)
    text = re.sub(r"^squad: .*$", "squad: " + squad, text, flags=re.M)
    with open(os.path.join(folder, "HYP-%04d.yml" % number), "w") as out:
        out.write(text)
print("%d %s hypotheses in %s" % (n, shape, folder))
