#!/usr/bin/env python3
"""Whether the cosine of the `change` fields alone tells a rewording (the same change in other words) from
another pair the finder calls a duplicate (an "other pair": mostly sibling ideas of one product toward the
same outcome, or a rewording against its idea's look-alike) better than the title-and-change cosine does.
Reads the features `testDumpFeatures` writes (each side's change encoded alone, `vectors.change`, and the
finder's title-and-change vector, `vectors.text`) and the verdicts `GrowthPairTuningTests` prints (MISS and
STRAY lines) for the thirteen seen sets:

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json PLAYBOOK_SHOW_TUNING=seen swift test \
        --filter 'GrowthPairDiagnostics/testDumpFeatures|GrowthPairTuningTests' --skip 'Fresh1[1234]' --skip BlindSet > /tmp/run.log
    python3 Tests/PlaybookOverlapsTests/Data/measure-change-cosine.py /tmp/features.json /tmp/run.log

Prints each group's cosines (found and missed rewordings, flagged look-alikes, other pairs by kind: one idea's
sides, siblings with the same outcome words, the rest), the AUC of each cosine for found rewordings against
other pairs, the rule "two sides of the same outcome words whose change cosine is under X are not duplicates"
in-sample for several X, and that rule's bar chosen leaving one set out (the highest bar that loses no found
rewording on the twelve others, or, with none there to lose, the one that takes out all their other pairs).
"""
import json
import re
import statistics
import sys

SEEN = ["tune", "tune2", "held-out", "fresh"] + ["fresh%d" % k for k in range(2, 11)]
# Measured when dumped (PLAYBOOK_DUMP_DUPQ25=1, PLAYBOOK_SHOW_TUNING=seen,dupq25), never chosen on.
EXTRA = ["dupq25"]
GROUPS = ["found", "missed", "alike flagged", "other: one idea", "other: siblings", "other: rest"]
OTHER = GROUPS[3:]


def verdicts(log):
    """Each split's missed pair ids and other pairs (indices of the hypotheses); its MISS lines come before
    its summary line, its STRAY lines after it."""
    strays, misses, pending, split = {}, {}, [], None
    for line in log:
        m = re.match(r"^(\S+): precision", line)
        if m:
            split = m.group(1)
            misses[split], pending, strays[split] = set(pending), [], []
            continue
        if line.startswith("MISS "):
            pending.append(line.split()[1])
        m = re.match(r'^STRAY \["HYP-(\d+)", "HYP-(\d+)"\]', line)
        if m:
            strays[split].append((int(m.group(1)) - 1, int(m.group(2)) - 1))
    return misses, strays


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def auc(positive, negative):
    """The chance that a positive reads higher than a negative (ties half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def main():
    sets = json.load(open(sys.argv[1]))
    misses, strays = verdicts(open(sys.argv[2]).read().splitlines())
    # Per split and group: (change cosine, title-and-change cosine, same outcome words).
    groups = {}
    for s in sets:
        split = s["split"]
        if split not in SEEN + EXTRA or split not in misses:
            continue
        change, text, roles = s["vectors"]["change"], s["vectors"]["text"], s["roles"]
        outcomes = [o.lower() for o in s["outcomes"]]
        assert all(s["ids"][k] == "HYP-%04d" % (k + 1) for k in range(len(s["ids"]))), split
        g = groups[split] = {name: [] for name in GROUPS}

        def point(i, j):
            return dot(change[i], change[j]), dot(text[i], text[j]), outcomes[i] == outcomes[j]

        for k in range(0, len(roles), 2):
            pair, duplicate, missed = roles[k][0], roles[k + 1][2] == "b", roles[k][0] in misses[split]
            if duplicate:
                g["missed" if missed else "found"].append(point(k, k + 1))
            elif missed:
                g["alike flagged"].append(point(k, k + 1))
        for i, j in strays[split]:
            kind = "other: one idea" if roles[i][1] == roles[j][1] else "other: siblings" if outcomes[i] == outcomes[j] else "other: rest"
            g[kind].append(point(i, j))
    total = {name: [x for split in SEEN for x in groups[split][name]] for name in GROUPS}
    for name in GROUPS:
        xs = total[name]
        if not xs:
            continue
        c, t = sorted(x[0] for x in xs), sorted(x[1] for x in xs)
        print("%-16s %3d (same outcome words %3d)  change min %.2f median %.2f max %.2f  title+change min %.2f median %.2f max %.2f" % (
            name, len(xs), sum(x[2] for x in xs), c[0], statistics.median(c), c[-1], t[0], statistics.median(t), t[-1]))
    found, others = total["found"], [x for name in OTHER for x in total[name]]
    for label, negative in [("other pairs", others), ("siblings", total["other: siblings"])]:
        print("AUC found rewordings against %s: change %.3f, title+change %.3f" % (
            label, auc([x[0] for x in found], [x[0] for x in negative]), auc([x[1] for x in found], [x[1] for x in negative])))
    for bar in [0.3, 0.4, 0.5, 0.6, 0.7]:
        print("change under %.2f alone: %d found lost, %d other pairs out; with the same outcome words: %d found lost, %d other pairs out" % (
            bar, sum(x[0] < bar for x in found), sum(x[0] < bar for x in others),
            sum(x[2] and x[0] < bar for x in found), sum(x[2] and x[0] < bar for x in others)))
    lost = out = 0
    for split in SEEN:
        rest = [o for o in SEEN if o != split]
        keep = [x[0] for o in rest for x in groups[o]["found"] if x[2]]
        bar = min(keep) if keep else 0.01 + max(x[0] for o in rest for name in OTHER for x in groups[o][name] if x[2])
        lost_here = sum(x[2] and x[0] < bar for x in groups[split]["found"])
        out_here = sum(x[2] and x[0] < bar for name in OTHER for x in groups[split][name])
        lost, out = lost + lost_here, out + out_here
        if lost_here or out_here:
            print("left out %s: bar %.2f, %d found lost, %d other pairs out" % (split, bar, lost_here, out_here))
    print("left one set out: %d found lost, %d other pairs out" % (lost, out))
    for split in [e for e in EXTRA if e in groups]:
        g = groups[split]
        for name in GROUPS:
            if g[name]:
                print("%s %-16s %2d (same outcome words %2d) change %s" % (
                    split, name, len(g[name]), sum(x[2] for x in g[name]), " ".join("%.2f" % x[0] for x in sorted(g[name]))))
        print("%s found against other pairs: AUC change %.3f, title+change %.3f" % (split,
              auc([x[0] for x in g["found"]], [x[0] for name in OTHER for x in g[name]]),
              auc([x[1] for x in g["found"]], [x[1] for name in OTHER for x in g[name]])))


if __name__ == "__main__":
    main()
