#!/usr/bin/env python3
"""Asks whether a text's neighbourhood, rather than the pair alone, finds the rewordings that get no note (the grey
band of cosines under the neighbour rule's bars, and those crowded out of each other's two closest texts), on features
dumped by the Swift tests, leaving one labelled set out at a time. Nothing here is committed in Sources: no family of
rules below gains out of sample.

    PLAYBOOK_DUMP_DUPQ22=1 PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-hubness.py /tmp/features.json MODEL_DIR [TOKEN_CACHE]

MODEL_DIR and TOKEN_CACHE as in `replay-token-alignment.py` (the committed grey-band rule is replayed with it). The
twelve seen sets choose every knob; `dupq22` (dumped only with PLAYBOOK_DUMP_DUPQ22) is measured with the knobs the
twelve choose, never chosen on; a split named `fresh10`, `fresh11` or `fresh12` (the blind sets, never dumped) is
dropped on loading. `r_k(x)`: the mean of text x's k highest cosines with the other texts of its metric event (distinct
texts, copies of x left out; `compatible`: only those no field tells apart from x). Three families of rules:

1. hubness in the neighbour rule's ranks (`hub`): each text's list of closest texts ranked by cos(x, y) - lam * r_k(y) / 2
   instead of the cosine (the bars still on the cosine): a text close to many others (an idea with its look-alikes, a
   generic one) then crowds fewer rewordings out. CSLS (Conneau et al., 2018) ranks so against hubs.
2. a second way into the grey band by CSLS (`csls`): a pair of one metric event that no field tells apart, its cosine in
   [floor, 0.38), audiences from `aud`, each side the other's closest compatible text by cos(x, y) - r_k(y) / 2, by
   `margin` or more over the second.
3. the same with second-order similarity (`profile`): the correlation of the two texts' cosines with the other texts of
   their metric (mixed with the cosine by `mix`), each side among the other's `ranks` closest by it.

For each, every setting's figures over the twelve sets (found, flagged, other pairs) and the bundled example's other
pairs; then each set measured with the knobs chosen on the eleven others, by two criteria: `strict` (dupq10's: more
rewordings less other pairs there than the committed rules, no more look-alikes or other pairs, none in the bundled
example) and `f1` (best F1 over the labelled pairs there, no more look-alikes, at most 5% more other pairs, none in the
example); and dupq22 with each criterion's choice on all twelve. numpy and scipy; about ten minutes.

Measured 2026-12-02 on the dump of `3c3f726` (456 found, 10 flagged, 121 other pairs; dupq22 14, 0, 8): `Data/README.md`.
"""
import itertools
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURED_ONLY = ("dupq22", "dupq25")  # dumped with PLAYBOOK_DUMP_DUPQ22 / PLAYBOOK_DUMP_DUPQ25: measured, never chosen on
KEYS = ("found", "flagged", "strays")


from replay_modules import BLIND, module  # noqa: E402


cm = module("cm", "classify-misses.py")
align, replay = cm.align, cm.replay


def neighbourhood(s, k, compatible):
    """r_k of every text of the set."""
    t, lists = s["texts"], [[] for _ in s["texts"]]
    for (i, j), p in s["everything"].items():
        if p["same_metric"] and t[i] != t[j] and (not compatible or p["diff"] == ""):
            lists[i].append((p["cos"], t[j]))
            lists[j].append((p["cos"], t[i]))
    out = []
    for values in lists:
        values.sort(reverse=True)
        seen, top = set(), []
        for c, other in values:
            if other not in seen:
                seen.add(other)
                top.append(c)
            if len(top) == k:
                break
        out.append(float(np.mean(top)) if top else 0.0)
    return out


def profiles(s):
    """The cosines between the texts of one metric event (NaN elsewhere)."""
    n = len(s["texts"])
    c = np.full((n, n), np.nan)
    for (i, j), p in s["everything"].items():
        if p["same_metric"]:
            c[i, j] = c[j, i] = p["cos"]
    return c


def second_order(c, t, x, y):
    both = ~np.isnan(c[x]) & ~np.isnan(c[y])
    others = [z for z in np.nonzero(both)[0] if t[z] != t[x] and t[z] != t[y]]
    if len(others) < 3:
        return None
    a, b = c[x, others], c[y, others]
    if a.std() < 1e-9 or b.std() < 1e-9:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def mutual_way_in(s, base, score, aud, margin, floor, ranks=1):
    """The committed grey-band pairs, and those whose sides are each other's closest (`ranks`) by `score`, clear by `margin`."""
    t, lists = s["texts"], [[] for _ in s["texts"]]
    for (i, j), p in s["everything"].items():
        if p["same_metric"] and p["diff"] == "" and t[i] != t[j]:
            for x, y in ((i, j), (j, i)):
                v = score(x, y, p)
                if v is not None:
                    lists[x].append((v, y))
    best = []
    for values in lists:
        values.sort(reverse=True)
        top = []
        for v, y in values:
            if all(t[y] != t[z] for _, z in top):
                top.append((v, y))
            if len(top) == ranks + 1:
                break
        best.append(top)
    out = list(base)
    for (i, j), p in s["pairs"].items():
        if not (p["same_metric"] and p["diff"] == "" and floor <= p["cos"] < 0.38 and p["audience"] >= aud):
            continue
        ok = True
        for x, o in ((i, j), (j, i)):
            at = [k for k, (_, y) in enumerate(best[x]) if t[y] == t[o]]
            if not at or at[0] >= ranks or (len(best[x]) > ranks and best[x][at[0]][0] - best[x][ranks][0] < margin):
                ok = False
                break
        if ok:
            out.append((i, j))
    return out


def total(results, names):
    return tuple(sum(results[n][k] for n in names) for k in KEYS)


def choose(results, base, names, criterion):
    """The setting (or None: the committed rules) chosen on `names` by `criterion`."""
    best, best_score = None, None
    for g, r in results.items():
        if r["example"]["strays"]:
            continue
        a, b = total(r, names), total(base, names)
        if criterion == "strict":
            ok, score = a[0] - a[2] > b[0] - b[2] and a[1] <= b[1] and a[2] <= b[2], (a[0] - a[2], -a[2])
        else:
            f1 = replay.f1([r[n] for n in names])
            ok, score = a[1] <= b[1] and a[2] <= b[2] * 1.05 and f1 > replay.f1([base[n] for n in names]), (f1,)
        if ok and (best_score is None or score > best_score):
            best, best_score = g, score
    return best


def report(title, results, base, names):
    print(title)
    for g, r in results.items():
        moved = [f"{n} " + "/".join(str(base[n][k]) for k in KEYS) + " -> " + "/".join(str(r[n][k]) for k in KEYS)
                 for n in names + list(MEASURED_ONLY) if n in r and any(r[n][k] != base[n][k] for k in KEYS)]
        print(f"  {g}: {total(r, names)} example {r['example']['strays']}  " + "; ".join(moved))
    for criterion in ("strict", "f1"):
        left = [0, 0, 0]
        for held in names:
            g = choose(results, base, [n for n in names if n != held], criterion)
            r = (results[g] if g is not None else base)[held]
            left = [left[m] + r[k] for m, k in enumerate(KEYS)]
            print(f"    {criterion} {held:9s} {g}: " + "/".join(str(r[k]) for k in KEYS))
        g = choose(results, base, names, criterion)
        extra = {n: (results[g] if g is not None else base)[n] for n in MEASURED_ONLY if n in base}
        print(f"  left one set out ({criterion}): {left[0]} found, {left[1]} flagged, {left[2]} other pairs; chosen on all "
              f"twelve {g}: " + ", ".join(f"{n} " + "/".join(str(r[k]) for k in KEYS) for n, r in extra.items()))


def main():
    loaded = [s for s in replay.load(sys.argv[1]) if s["split"] not in BLIND]
    cache = sys.argv[3] if len(sys.argv) > 3 else "/tmp/playbook-token-states.pkl"
    states = align.token_states(loaded, sys.argv[2], cache)
    prepared = {s["split"]: cm.prepare(s) for s in loaded}
    committed = cm.extra_for(states, prepared)
    names = [s["split"] for s in loaded if s["split"] not in ("example",) + MEASURED_ONLY]
    memo = {}

    def r_k(s, k, compatible):
        if (s["split"], k, compatible) not in memo:
            memo[(s["split"], k, compatible)] = neighbourhood(s, k, compatible)
        return memo[(s["split"], k, compatible)]

    def run_all(extra, hub=None):
        replay.EXTRA = extra
        return {s["split"]: replay.run(s, hub=hub(s) if hub else None, **align.SETTINGS) for s in loaded}

    base = run_all(committed)
    print(f"committed: {total(base, names)} example {base['example']['strays']}; " +
          ", ".join(f"{n} " + "/".join(str(base[n][k]) for k in KEYS) for n in MEASURED_ONLY if n in base))

    hubs = {}
    for lam, k, compatible in itertools.product((0.5, 1.0), (1, 2, 3), (False, True)):
        hubs[(lam, k, compatible)] = run_all(committed, lambda s: [lam * v / 2 for v in r_k(s, k, compatible)])
    report("1. hubness in the neighbour rule's ranks (lam, k, compatible):", hubs, base, names)

    csls = {}
    for k, compatible, aud, margin, floor in itertools.product((1, 2, 3), (False, True), (0.0, 0.3), (0.0, 0.03, 0.06, 0.1), (0.15, 0.2)):
        def extra(s, k=k, compatible=compatible, aud=aud, margin=margin, floor=floor):
            r = r_k(s, k, compatible)
            return mutual_way_in(s, committed(s), lambda x, y, p: p["cos"] - r[y] / 2, aud, margin, floor)
        csls[(k, compatible, aud, margin, floor)] = run_all(extra)
    report("2. CSLS, a second way into the grey band (k, compatible, audiences, margin, floor):", csls, base, names)

    cosines = {s["split"]: profiles(s) for s in loaded}
    second = {}
    for mix, aud, margin, ranks in itertools.product((1.0, 0.5), (0.0, 0.3), (0.0, 0.05, 0.1), (1, 2)):
        def extra(s, mix=mix, aud=aud, margin=margin, ranks=ranks):
            c, t = cosines[s["split"]], s["texts"]

            def score(x, y, p):
                v = second_order(c, t, x, y)
                return None if v is None else mix * v + (1 - mix) * p["cos"]
            return mutual_way_in(s, committed(s), score, aud, margin, 0.15, ranks)
        second[(mix, aud, margin, ranks)] = run_all(extra)
    report("3. second-order similarity, a second way into the grey band (mix, audiences, margin, ranks):", second, base, names)


if __name__ == "__main__":
    main()
