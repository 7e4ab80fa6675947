#!/usr/bin/env python3
"""Looks for a signal other than the token-alignment margin for the grey band (rewordings whose title-and-change
cosine is 0.15-0.38, not admitted by `TokenAlignmentRule.swift`), on features dumped by the Swift tests, leaving one
labelled set out at a time. Nothing here is committed in Sources: every signal measured fails to generalise.

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-grey-band-signals.py /tmp/features.json MODEL_DIR [TOKEN_CACHE]

MODEL_DIR and TOKEN_CACHE as in `replay-token-alignment.py` (token states of the title-and-change texts). The
texts this script encodes itself (the change with the outcome folded in, "change. outcome"; the bundled example's
titles and changes, cut from its texts at the first ". ", since the dump holds no field vectors for it) go to
TOKEN_CACHE.fields. Only the twelve seen sets are read: a split named `fresh10` or `fresh11` (the blind sets;
`testDumpFeatures` does not dump them) is dropped on loading. What is printed:

1. The committed rules (448 of 512 rewordings found, 10 look-alikes flagged, 129 other pairs on the dump of
   `355a8ff`), the grey band's misses, and each of them admitted on its own (an oracle): found, or lost to the
   tie-break between two look-alikes (the upper bound of any admission rule for the band).
2. How well signals tell the band's missed rewordings from the band's other pairs not called (AUC), over the
   whole band and over the grey-band rule's own candidates (each among the other's three closest, audiences
   from 0.3): cosines of title, change, change with the outcome folded in, title of one against change of the
   other (the larger of the two ways, their mean), the best and the mean of the four field pairings, outcome,
   rationale, audience, token alignment and its margin over the two closest rivals, and the pair's ranks.
3. Rivals that the fields tell apart from the other side (a look-alike of it, as the neighbour rule reads
   them) left out of the grey-band rule's ranks and rivals.
4. A second way into the band, beside the committed rule: each side among the other's `K` closest compatible
   texts ranked by one view (title-and-change, change, title, title against change, the mean of the four
   pairings, alignment), audiences from `aud`, and each side's `judge` value (alignment; the mean of alignment
   and cosine; the change's cosine; title against change) `margin` clear of its `L` closest rivals'. Then
   agreement of weak signals with few knobs: each side the other's closest in at least `need` of five views
   (title-and-change, change, title, title against change, alignment), among each other's `K` closest by the
   title-and-change cosine, audiences from `aud`. Then the committed rule with its audience bar waived (down to a
   floor) when the alignment stands `m` clear of each side's rivals. Each family's knobs chosen leaving one set out
   (`f1_leave_one_out` of `replay-token-alignment.py`: best F1 over the labelled pairs on the eleven others,
   at most 3 look-alikes in 40 and 5% more other pairs there, none in the bundled example).
5. A small logistic combination of existing features (the band's pairs not called; weights fitted on eleven
   sets, class-balanced, L2 penalty `lam`; its threshold chosen by the exact replay on the same eleven sets, best
   F1 over the labelled pairs with no more look-alikes, at most 5% more other pairs and none in the bundled
   example), each set measured with what the other eleven chose.
numpy and scipy. About twenty minutes on two loaded cores.

Measured 2026-12-01 on the twelve seen sets (the dump of `355a8ff`; `Data/README.md` has the details): against the
committed 448 found, 10 flagged, 129 other pairs, left one set out the second way in, the agreement and the waived
audience bar give 449, 10, 130 each; the logistic combinations 449-451 found for 132-136 other pairs. Nothing taken.
"""
import collections
import itertools
import json
import os
import pickle
import sys

import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))


from replay_modules import BLIND, module  # noqa: E402


cm = module("cm", "classify-misses.py")
align, replay = cm.align, cm.replay
LOW, BAR, MARGIN, AUDIENCE, RANKS, RIVALS = align.COMMITTED
WEAK = align.SETTINGS["weak"]


class Data:
    def __init__(self, features, model_dir, cache):
        self.sets = [s for s in replay.load(features) if s["split"] not in BLIND]
        raw = [r for r in json.load(open(features)) if r["split"] not in BLIND]
        self.raw = {r["split"]: r for r in raw}
        self.names = [s["split"] for s in self.sets if s["split"] != "example"]
        self.states = align.token_states(self.sets, model_dir, cache)
        self.prepared = {s["split"]: cm.prepare(s) for s in self.sets}
        self.committed = cm.extra_for(self.states, self.prepared)
        self.fields = self.field_vectors(model_dir, cache + ".fields")
        self.memo = {}
        self.orders = {}

    def field_vectors(self, model_dir, path):
        cached = pickle.load(open(path, "rb")) if os.path.exists(path) else {}
        wanted = set()
        for split, r in self.raw.items():
            if split == "example":
                wanted |= {p for t in r["texts"] for p in t.split(". ", 1)}
            else:
                wanted |= {c + ". " + o for c, o in zip(r["changes"], r["outcomes"])}
        todo = sorted(wanted - set(cached))
        if todo:
            encoder = module("encoder", "make-pair-vectors.py")
            encoder.load(model_dir)
            for t in todo:
                cached[t] = np.asarray(encoder.encode(t), dtype=np.float64)
            pickle.dump(cached, open(path, "wb"))
        out = {}
        for split, r in self.raw.items():
            v = {k: np.asarray(x, dtype=np.float64) if x else None for k, x in r["vectors"].items()}
            if split == "example":
                parts = [t.split(". ", 1) for t in r["texts"]]
                v["title"] = np.array([cached[p[0]] for p in parts])
                v["change"] = np.array([cached[p[-1]] for p in parts])
            else:
                v["folded"] = np.array([cached[c + ". " + o] for c, o in zip(r["changes"], r["outcomes"])])
            out[split] = v
        return out

    def alignment(self, s, x, y):
        k = (s["split"], min(x, y), max(x, y))
        if k not in self.memo:
            self.memo[k] = align.alignment(self.states, s["texts"][x], s["texts"][y])
        return self.memo[k]

    def value(self, s, x, y, view):
        """One view of how alike two texts read."""
        if view == "align":
            return self.alignment(s, x, y)
        cos = s["everything"][(min(x, y), max(x, y))]["cos"]
        if view == "text":
            return cos
        if view == "mix":
            return (self.alignment(s, x, y) + cos) / 2
        v = self.fields[s["split"]]
        T, C = v["title"], v["change"]
        if view == "change":
            return float(C[x] @ C[y])
        if view == "title":
            return float(T[x] @ T[y])
        if view == "cross":
            return float(max(T[x] @ C[y], T[y] @ C[x]))
        if view == "pairings":
            return float((T[x] @ T[y] + C[x] @ C[y] + T[x] @ C[y] + T[y] @ C[x]) / 4)
        raise ValueError(view)

    def order(self, s, x, view):
        """x's compatible texts (one metric event, no field difference), closest by `view` first."""
        k = (s["split"], x, view)
        if k not in self.orders:
            self.orders[k] = sorted(((self.value(s, x, y, view), y) for _, y in self.prepared[s["split"]][x]), reverse=True)
        return self.orders[k]

    def rank(self, s, x, o, view):
        """Where o's text comes among x's compatible texts by `view` (ties share a place)."""
        t = s["texts"]
        mine = self.value(s, x, o, view)
        ahead = {t[y] for v, y in self.order(s, x, view) if v > mine + 1e-6 and t[y] != t[o]}
        return 1 + len(ahead)

    def run(self, extra=None):
        """The replay with the committed grey-band rule and `extra(s)` pairs more."""
        def both(s):
            return list(set(self.committed(s)) | set(extra(s) if extra else []))
        replay.EXTRA = both
        out = {s["split"]: replay.run(s, **align.SETTINGS) for s in self.sets}
        replay.EXTRA = None
        return out


def figures(d, r):
    t = align.totals(r, d.names)
    return (f"{t['found']} found, {t['flagged']} flagged, {t['strays']} other pairs (F1 {align.f1(r, d.names):.4f} over the labelled"
            f" pairs, {align.f1(r, d.names, True):.4f} counting the other pairs; example {r['example']['strays']})")


def band(d, s, called):
    """The grey band's pairs not called: one metric event, no field difference, cosine 0.15-0.38."""
    for (i, j), p in s["pairs"].items():
        if p["same_metric"] and p["diff"] == "" and LOW <= p["cos"] < WEAK and (i, j) not in called:
            yield i, j, p


def oracle(d, base):
    print("1. committed:", figures(d, base))
    misses = {}
    for s in d.sets:
        if s["split"] == "example":
            continue
        misses[s["split"]] = [(i, j) for i, j, _ in band(d, s, base[s["split"]]["called"]) if replay.label(s, i, j) == "dup"]
    print(f"   grey-band rewordings missed: {sum(map(len, misses.values()))}")
    found = lost = 0
    for s in d.sets:
        for k in misses.get(s["split"], []):
            r = d.run(lambda s2, k=k, split=s["split"]: [k] if s2["split"] == split else [])
            if k in r[s["split"]]["called"]:
                found += 1
            else:
                lost += 1
    everything = d.run(lambda s2: misses.get(s2["split"], []))
    print(f"   each admitted on its own: {found} found, {lost} lost to the tie-break with a look-alike; all admitted: {figures(d, everything)}")
    return misses


def signals(d, base):
    print("2. signals, the band's missed rewordings against its other pairs not called (AUC)")
    rows = []
    for s in d.sets:
        if s["split"] == "example":
            continue
        v = d.fields[s["split"]]
        T, C, F, O, R = v["title"], v["change"], v["folded"], v["outcome"], v["rationale"]
        for i, j, p in band(d, s, base[s["split"]]["called"]):
            lab = replay.label(s, i, j)
            if lab not in ("dup", "stray"):
                continue
            pairings = [T[i] @ T[j], C[i] @ C[j], T[i] @ C[j], T[j] @ C[i]]
            mine = d.alignment(s, i, j)
            margins = []
            for x, o in ((i, j), (j, i)):
                rivals = [d.alignment(s, x, y) for _, y in d.prepared[s["split"]][x][:RIVALS] if s["texts"][y] != s["texts"][o]]
                margins.append(mine - max(rivals) if rivals else 1.0)
            ranks = (cm.rank(s, d.prepared[s["split"]], i, j), cm.rank(s, d.prepared[s["split"]], j, i))
            rows.append(dict(lab=lab, cos=p["cos"], title=pairings[0], change=pairings[1], folded=F[i] @ F[j],
                             cross=max(pairings[2:]), cross_mean=np.mean(pairings[2:]), best=max(pairings), pairings=np.mean(pairings),
                             outcome=O[i] @ O[j], rationale=R[i] @ R[j], audience=p["audience"], alignment=mine,
                             margin=min(margins), rank=-max(ranks), ranks=-sum(ranks),
                             candidate=max(ranks) <= RANKS and p["audience"] >= AUDIENCE))
    keys = ("cos", "title", "change", "folded", "cross", "cross_mean", "best", "pairings", "outcome", "rationale", "audience",
            "alignment", "margin", "rank", "ranks")
    for label, sub in (("the band", rows), ("the rule's candidates", [r for r in rows if r["candidate"]])):
        pos = [r for r in sub if r["lab"] == "dup"]
        neg = [r for r in sub if r["lab"] == "stray"]
        print(f"   {label}: {len(pos)} rewordings, {len(neg)} other pairs: " +
              ", ".join(f"{k} {align.auc([r[k] for r in pos], [r[k] for r in neg]):.2f}" for k in keys))


def told_apart(s, r, o):
    """The neighbour rule's reading: r copies most of o (cosine over 0.65) and a field tells them apart."""
    q = s["everything"].get((min(r, o), max(r, o)))
    return q is not None and q["cos"] > 0.65 and q["diff"] != ""


def rivals_apart(d, base):
    def rule(s):
        t, closest = s["texts"], d.prepared[s["split"]]

        def rank(x, o):
            seen = []
            for _, y in closest[x]:
                if t[y] == t[o]:
                    return len(seen) + 1
                if not told_apart(s, y, o) and t[y] not in seen:
                    seen.append(t[y])
            return 99
        out = []
        for (i, j), p in s["pairs"].items():
            if not p["same_metric"] or p["diff"] != "" or not LOW <= p["cos"] < WEAK or p["audience"] < AUDIENCE:
                continue
            if rank(i, j) > RANKS or rank(j, i) > RANKS:
                continue
            mine = d.alignment(s, i, j)
            ok = mine >= BAR
            for x, o in ((i, j), (j, i)):
                rivals = [d.alignment(s, x, y) for _, y in closest[x][:RIVALS] if t[y] != t[o] and not told_apart(s, y, o)]
                if rivals and mine - max(rivals) <= MARGIN:
                    ok = False
            if ok:
                out.append((i, j))
        return out
    replay.EXTRA = rule
    r = {s["split"]: replay.run(s, **align.SETTINGS) for s in d.sets}
    replay.EXTRA = None
    print("3. the grey-band rule with rivals told apart from the other side left out:", figures(d, r))


def second_way(d, low=LOW, aud=AUDIENCE, K=RANKS, L=RIVALS, rank_by="text", judge="align", margin=MARGIN, bar=BAR):
    def extra(s):
        t, out = s["texts"], []
        for (i, j), p in s["pairs"].items():
            if not p["same_metric"] or p["diff"] != "" or not low <= p["cos"] < WEAK or (aud is not None and p["audience"] < aud):
                continue
            if d.rank(s, i, j, rank_by) > K or d.rank(s, j, i, rank_by) > K:
                continue
            mine = d.value(s, i, j, judge)
            ok = mine >= bar
            for x, o in ((i, j), (j, i)):
                rivals = [d.value(s, x, y, judge) for _, y in d.order(s, x, rank_by)[:L] if t[y] != t[o]]
                if rivals and mine - max(rivals) <= margin:
                    ok = False
            if ok:
                out.append((i, j))
        return out
    return extra


def agreement(d, need, K, aud, low=LOW):
    views = ("text", "change", "title", "cross", "align")

    def extra(s):
        out = []
        for (i, j), p in s["pairs"].items():
            if not p["same_metric"] or p["diff"] != "" or not low <= p["cos"] < WEAK or (aud is not None and p["audience"] < aud):
                continue
            if max(d.rank(s, i, j, "text"), d.rank(s, j, i, "text")) > K:
                continue
            if sum(max(d.rank(s, i, j, v), d.rank(s, j, i, v)) == 1 for v in views) >= need:
                out.append((i, j))
        return out
    return extra


def waived(d, m, floor, both=True):
    """The committed rule's audience bar waived (down to `floor`) for a pair whose alignment stands at least `m` clear of
    each side's rivals; `both`: each side having one (a text with no rival proves nothing), else one side at least."""
    def extra(s):
        t, closest, out = s["texts"], d.prepared[s["split"]], []
        for (i, j), p in s["pairs"].items():
            if not p["same_metric"] or p["diff"] != "" or not LOW <= p["cos"] < WEAK or p["audience"] >= AUDIENCE:
                continue
            if (floor is not None and p["audience"] < floor) or max(cm.rank(s, closest, i, j), cm.rank(s, closest, j, i)) > RANKS:
                continue
            mine = d.alignment(s, i, j)
            ok, sides = mine >= BAR, 0
            for x, o in ((i, j), (j, i)):
                rivals = [d.alignment(s, x, y) for _, y in closest[x][:RIVALS] if t[y] != t[o]]
                sides += bool(rivals)
                if (both and not rivals) or (rivals and mine - max(rivals) < m):
                    ok = False
            if ok and sides:
                out.append((i, j))
        return out
    return extra


def choose(d, base, grid, title):
    results = {None: base}
    for key, extra in grid:
        r = d.run(extra)
        if r["example"]["strays"] == 0:
            results[key] = r
    print(f"4. {title}: {len(results) - 1} of {len(grid)} settings call no pair of the bundled example")
    best = max((g for g in results if g is not None), key=lambda g: (align.f1(results[g], d.names), -align.totals(results[g], d.names)["strays"]))
    print(f"   in-sample best F1: {best}: {figures(d, results[best])}")
    align.f1_leave_one_out(results, d.names, None)


def logistic(d, base):
    print("5. a logistic combination, weights and threshold chosen leaving one set out")
    features = {
        "cos, audience, alignment, margin, rank": ("cos", "aud", "align", "margin", "rank"),
        "+ the better side's rank and margin": ("cos", "aud", "align", "margin", "rank", "rank_best", "margin_best"),
        "+ title, change, title against change": ("cos", "aud", "align", "margin", "rank", "rank_best", "margin_best", "title", "change", "cross"),
    }
    rows = []
    for s in d.sets:
        closest = d.prepared[s["split"]]
        for i, j, p in band(d, s, base[s["split"]]["called"]):
            lab = replay.label(s, i, j) if s["split"] != "example" else "stray"
            if lab not in ("dup", "stray"):
                continue
            mine = d.alignment(s, i, j)
            margins = []
            for x, o in ((i, j), (j, i)):
                rivals = [d.alignment(s, x, y) for _, y in closest[x][:RIVALS] if s["texts"][y] != s["texts"][o]]
                margins.append(mine - max(rivals) if rivals else 1.0)
            ranks = (cm.rank(s, closest, i, j), cm.rank(s, closest, j, i))
            rows.append(dict(split=s["split"], key=(i, j), y=1.0 if lab == "dup" else 0.0, cos=p["cos"], aud=p["audience"], align=mine,
                             margin=max(min(margins), -0.4), margin_best=min(max(margins), 0.3), rank=1 / max(ranks), rank_best=1 / min(ranks),
                             title=d.value(s, i, j, "title"), change=d.value(s, i, j, "change"), cross=d.value(s, i, j, "cross")))
    split = np.array([r["split"] for r in rows])
    y = np.array([r["y"] for r in rows])

    def fit(X, y, lam):
        mu, sd = X.mean(0), X.std(0) + 1e-9
        Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
        weight = np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1), 1.0)

        def loss(w):
            z = Z @ w
            return (weight * (np.logaddexp(0, z) - y * z)).sum() / weight.sum() + lam * (w[:-1] ** 2).sum()
        w = minimize(loss, np.zeros(Z.shape[1]), method="L-BFGS-B").x
        return lambda X2: np.hstack([(X2 - mu) / sd, np.ones((len(X2), 1))]) @ w

    for label, keys in features.items():
        X = np.array([[r[k] for k in keys] for r in rows])
        for lam in (0.01, 0.1):
            final = {}
            for held in d.names:
                others = [n for n in d.names if n != held]
                train = (split != held) & (split != "example")
                score = fit(X[train], y[train], lam)(X)
                allowed = sum(base[n]["strays"] for n in others) * 1.05
                best, chosen = align.f1(base, others), None
                for tau in sorted(set(np.round(score[train & (y == 1)], 6)), reverse=True)[:12]:
                    picked = collections.defaultdict(list)
                    for r, v in zip(rows, score):
                        if r["split"] != held and v >= tau:
                            picked[r["split"]].append(r["key"])
                    res = d.run(lambda s: picked.get(s["split"], []))
                    if res["example"]["strays"] or sum(res[n]["strays"] for n in others) > allowed:
                        continue
                    if sum(res[n]["flagged"] for n in others) > sum(base[n]["flagged"] for n in others):
                        continue
                    if align.f1(res, others) > best + 1e-9:
                        best, chosen = align.f1(res, others), tau
                final[held] = [] if chosen is None else [r["key"] for r, v in zip(rows, score) if r["split"] == held and v >= chosen]
            r = d.run(lambda s: final.get(s["split"], []))
            print(f"   {label}, lam {lam}: {figures(d, r)}; " +
                  " ".join(f"{n} {r[n]['found']},{r[n]['flagged']},{r[n]['strays']}" for n in d.names))


def main():
    cache = sys.argv[3] if len(sys.argv) > 3 else "/tmp/playbook-token-states.pkl"
    d = Data(sys.argv[1], sys.argv[2], cache)
    base = d.run()
    print("   per set: " + " ".join(f"{n} {base[n]['found']},{base[n]['flagged']},{base[n]['strays']}" for n in d.names))
    oracle(d, base)
    signals(d, base)
    rivals_apart(d, base)
    grid = []
    for rank_by, judge, K, L, margin, aud in itertools.product(("text", "change", "title", "cross", "pairings", "align"),
                                                               ("align", "mix", "change", "cross"), (2, 3), (2, 3),
                                                               (-0.05, -0.03, -0.01, 0.01), (None, 0.2, 0.3)):
        key = (rank_by, judge, K, L, margin, aud)
        grid.append((key, second_way(d, aud=aud, K=K, L=L, rank_by=rank_by, judge=judge, margin=margin, bar=BAR if judge == "align" else 0.2)))
    choose(d, base, grid, "a second way into the band (rank_by, judge, K, L, margin, aud)")
    grid = [((need, K, aud), agreement(d, need, K, aud)) for need in (2, 3, 4, 5) for K in (1, 2, 3) for aud in (None, 0.2, 0.3, 0.4)]
    choose(d, base, grid, "agreement of weak signals (views in which each is the other's closest, K, aud)")
    grid = [((m, floor, both), waived(d, m, floor, both)) for m in (0.02, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15) for floor in (None, 0.1, 0.15)
            for both in (True, False)]
    choose(d, base, grid, "audiences under 0.3 when the alignment stands clear of the rivals (margin, lowest audience, each side with a rival)")
    logistic(d, base)


if __name__ == "__main__":
    main()
