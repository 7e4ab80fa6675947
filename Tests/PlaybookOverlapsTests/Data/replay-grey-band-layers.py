#!/usr/bin/env python3
"""Asks whether token alignment read from another layer of all-MiniLM-L6-v2 (the static WordPiece vectors of its
input table, or a middle layer's states) admits more of the grey band's rewordings than the committed rule's
last-layer alignment, and whether a gate of agreeing fields with a lower cosine floor does. On features dumped by
the Swift tests, each knob chosen leaving one labelled set out.

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json PLAYBOOK_DUMP_DUPQ29=1 swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-grey-band-layers.py /tmp/features.json MODEL_DIR [LAYER_CACHE [VIEWS]]

LAYER_CACHE (a pickle, default /tmp/playbook-layer-states.pkl) keeps every text's token ids and states of each
layer (0: the static input vectors, 1-6 the layers' outputs). Only the thirteen seen sets choose; `dupq22`,
`dupq25` and `dupq29` (when dumped) are measured with the knobs the thirteen choose; the blind sets are dropped.
What is printed:

1. The committed rules per set (the replay of `classify-misses.py`: the neighbour rule and the grey-band rule).
2. AUC of each alignment (last layer as committed; static input vectors, unweighted and IDF-weighted, content
   tokens only; layers 2-5) and of its margin over two rivals, over the band's pairs not called (missed
   rewordings against other pairs), and over the committed rule's own candidates (among each other's three
   closest, audiences from 0.3).
3. A second way into the band beside the committed rule, for each alignment: cosine from `low`, each side among
   the other's `K` closest, audiences from `aud`, each side's alignment `m` clear of its `L` rivals. Knobs chosen
   by `f1_leave_one_out` of `replay-token-alignment.py` and by dupq10's strict criterion (a set takes a rule when
   the others gain found less other pairs with no more look-alikes or other pairs).
4. Where the second way's gains come from (each side needing a rival, or not), and the fields alone as the gate
   (one event, no difference read, audiences from 0.3-0.5, each side among the other's 1-3 closest, no alignment).
numpy and scipy; about twenty minutes on two loaded cores (the layer cache, 1,807 texts, about fifteen of them).

Measured 2026-12-02 on the dump of `e697819` (`Data/README.md`, dupq29): static vectors and middle layers tell the band's
rewordings from their neighbours no better than the last layer; every gain of a second way in comes from a pair one of
whose sides has no rival (the audience bar waived there: dupq15's knife edge); the fields alone call tens of other pairs.
Nothing taken.
"""
import collections
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
from replay_modules import BLIND, module  # noqa: E402

cm = module("classify", "classify-misses.py")
align = cm.align
replay = align.replay
MEASURED_ONLY = ("dupq22", "dupq25", "dupq29")
LAYERS = ("last", "static", "static-idf", "l2", "l3", "l4", "l5")


def layer_states(sets, model_dir, cache_path):
    cached = pickle.load(open(cache_path, "rb")) if os.path.exists(cache_path) else {}
    texts = sorted({t for s in sets for t in s["texts"] if t} - set(cached))
    enc = module("encoder", "make-pair-vectors.py")
    enc.load(model_dir)
    if texts:
        for t in texts:
            cached[t] = enc.encode(t, layers=True)
        pickle.dump(cached, open(cache_path, "wb"))
    inverse = {i: w for w, i in enc.vocab.items()}
    stop = set("a an the of to for on in and or with by at as is it its their they so that when from be can our we your you who one "
               "each every this than into up are has have was will not no do does them there these those his her he she i me my us".split())
    states = {}
    for t, (ids, out) in cached.items():
        views = {}
        for name, layer in (("last", 6), ("l2", 2), ("l3", 3), ("l4", 4), ("l5", 5)):
            x = out[layer][1:-1]
            views[name] = (ids[1:-1], x / np.linalg.norm(x, axis=1, keepdims=True))
        keep = [k for k, i in enumerate(ids[1:-1]) if inverse[i].isalpha() and inverse[i] not in stop or inverse[i].startswith("##")]
        x = out[0][1:-1][keep]
        kept = [ids[1:-1][k] for k in keep]
        views["static"] = (kept, x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9))
        states[t] = views
    return states


def view(states, name):
    key = "static" if name.startswith("static") else name
    return {t: v[key] for t, v in states.items()}


def main():
    sets = [s for s in replay.load(sys.argv[1]) if s["split"] not in BLIND]
    states = layer_states(sets, sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "/tmp/playbook-layer-states.pkl")
    views = {name: view(states, name) for name in LAYERS}
    committed_states = views["last"]
    prepared = {s["split"]: cm.prepare(s) for s in sets}
    committed = cm.extra_for(committed_states, prepared)
    names = [s["split"] for s in sets if s["split"] not in ("example",) + MEASURED_ONLY]
    measured = [s["split"] for s in sets if s["split"] in MEASURED_ONLY]
    replay.EXTRA = committed
    base = {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}
    print("1. committed")
    for n in names + measured:
        r = base[n]
        print(f"    {n:9s} {r['found']}/{r['duplicates']} found, {r['flagged']} flagged, {r['strays']} other pairs")
    print(f"    seen: {align.totals(base, names)}")

    idf = {}
    for s in sets:
        df = collections.Counter()
        distinct = set(s["texts"])
        for t in distinct:
            df.update(set(views["static"][t][0]))
        idf[s["split"]] = {k: np.log((len(distinct) + 1) / (v + 1)) for k, v in df.items()}
    memo = {}

    def aligned(name, s, x, y):
        t = s["texts"]
        key = (name, s["split"], min(x, y), max(x, y))
        if key not in memo:
            weights = idf[s["split"]] if name == "static-idf" else None
            memo[key] = align.alignment(views[name], t[x], t[y], weights)
        return memo[key]

    def margin(name, s, x, o, L=2):
        t, closest = s["texts"], prepared[s["split"]]
        mine = aligned(name, s, x, o)
        rivals = [aligned(name, s, x, y) for _, y in closest[x][:L] if t[y] != t[o]]
        return mine - max(rivals) if rivals else 1.0

    print("2. AUC over the band's pairs not called (missed rewordings / other pairs); over the committed rule's candidates")
    band, cands = collections.defaultdict(list), collections.defaultdict(list)
    for s in sets:
        if s["split"] not in names:
            continue
        closest = prepared[s["split"]]
        for (i, j), p in s["pairs"].items():
            lab = replay.label(s, i, j)
            if not p["same_metric"] or p["diff"] != "" or not 0.15 <= p["cos"] < 0.38 or lab not in ("dup", "stray"):
                continue
            if (i, j) in base[s["split"]]["called"]:
                continue
            row = {"lab": lab}
            for name in LAYERS:
                row[name] = aligned(name, s, i, j)
                row[name + " margin"] = min(margin(name, s, i, j), margin(name, s, j, i))
            band[lab].append(row)
            if p["audience"] >= 0.3 and cm.rank(s, closest, i, j) <= 3 and cm.rank(s, closest, j, i) <= 3:
                cands[lab].append(row)
    for title, rows in (("band", band), ("candidates", cands)):
        print(f"    {title}: {len(rows['dup'])} rewordings, {len(rows['stray'])} other pairs")
        for name in LAYERS:
            for f in (name, name + " margin"):
                print(f"      {f:20s} {align.auc([r[f] for r in rows['dup']], [r[f] for r in rows['stray']]):.3f}")

    sys.stdout.flush()
    if len(sys.argv) > 4 and sys.argv[4] == "none":
        return
    print("3. a second way into the band, beside the committed rule")

    def second_way(name, low, K, aud, m, L):
        def extra(s):
            out = list(committed(s))
            closest = prepared[s["split"]]
            for (i, j), p in s["pairs"].items():
                if not p["same_metric"] or p["diff"] != "" or not low <= p["cos"] < 0.38:
                    continue
                if aud is not None and p["audience"] < aud:
                    continue
                if cm.rank(s, closest, i, j) > K or cm.rank(s, closest, j, i) > K:
                    continue
                if margin(name, s, i, j, L) > m and margin(name, s, j, i, L) > m:
                    out.append((i, j))
            return out
        return extra
    asked = sys.argv[4].split(",") if len(sys.argv) > 4 else LAYERS
    for name in asked:
        grid = [None] + [(name, low, K, aud, m, 2) for low in (0.1, 0.15, 0.2) for K in (1, 2, 3) for aud in (None, 0.3)
                         for m in (0.0, 0.02, 0.05)]
        # Mutual nearest alone (each side the other's closest compatible text), no alignment asked.
        grid += [(name, low, 1, aud, -9, 2) for low in (0.1, 0.15, 0.2) for aud in (None, 0.3)]
        results = {}
        for g in grid:
            replay.EXTRA = second_way(*g) if g else committed
            results[g] = {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}
        results = {g: r for g, r in results.items() if r["example"]["strays"] == 0}
        best = sorted((g for g in results if g), key=lambda g: (-(align.totals(results[g], names)["found"]
                                                                 - align.totals(results[g], names)["strays"]),
                                                               align.totals(results[g], names)["flagged"]))[:3]
        print(f"  {name}: {len(results)} settings without a pair of the example; in-sample best found less other pairs:")
        for g in best:
            print(f"    {g}: {align.totals(results[g], names)}; " + ", ".join(
                f"{n} {results[g][n]['found']}/{results[g][n]['flagged']}/{results[g][n]['strays']}" for n in measured))
        print("   left one set out, best F1:")
        align.f1_leave_one_out(results, names, None)
        print("   left one set out, strict:")
        align.leave_one_out(results, names, None)
        # The measured-only sets with the setting all thirteen choose (best F1 within the limits).
        base_t = align.totals(results[None], names)
        dups = sum(results[None][n]["duplicates"] for n in names)
        ok = [g for g in results if align.totals(results[g], names)["flagged"] <= 3 / 40 * dups
              and align.totals(results[g], names)["strays"] <= base_t["strays"] * 1.05]
        g = max(ok, key=lambda g: (round(align.f1(results[g], names), 6), round(align.f1(results[g], names, True), 6), g is None))
        print(f"   chosen on all thirteen: {g}: {align.totals(results[g], names)}; " + ", ".join(
            f"{n} {results[g][n]['found']}/{results[g][n]['flagged']}/{results[g][n]['strays']}" for n in measured))
    replay.EXTRA = None
    where_from(sets, views, prepared, committed, base, names, measured, asked)


def where_from(sets, views, prepared, committed, base, names, measured, asked):
    """4. Each view's second way in with each side needing at least one rival (a side whose metric has no other
    compatible text passes the margin test unasked), and the fields alone: the committed gates (one event, no
    difference read) with audiences from 0.3-0.5 and each side among the other's `K` closest, no alignment asked."""
    print("4. where the second way's gains come from; the fields alone (changes per set: found/flagged/other pairs)")
    memo = {}

    def margin(name, s, x, o):
        t, closest = s["texts"], prepared[s["split"]]
        key = (name, s["split"], x, o)
        if key not in memo:
            mine = align.alignment(views[name], t[x], t[o])
            rivals = [align.alignment(views[name], t[x], t[y]) for _, y in closest[x][:2] if t[y] != t[o]]
            memo[key] = (mine - max(rivals), True) if rivals else (1.0, False)
        return memo[key]

    def way(name, low, K, aud, m, need):
        def extra(s):
            out, closest = list(committed(s)), prepared[s["split"]]
            for (i, j), p in s["pairs"].items():
                if not p["same_metric"] or p["diff"] != "" or not low <= p["cos"] < 0.38:
                    continue
                if (aud is not None and p["audience"] < aud) or cm.rank(s, closest, i, j) > K or cm.rank(s, closest, j, i) > K:
                    continue
                if m is not None:
                    (a, ra), (b, rb) = margin(name, s, i, j), margin(name, s, j, i)
                    if a <= m or b <= m or (need and not (ra and rb)):
                        continue
                out.append((i, j))
            return out
        return extra

    def show(label, extra):
        replay.EXTRA = extra
        r = {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}
        moved = [f"{n} {r[n]['found'] - base[n]['found']:+d}/{r[n]['flagged'] - base[n]['flagged']:+d}/{r[n]['strays'] - base[n]['strays']:+d}"
                 for n in names + measured if (r[n]["found"], r[n]["flagged"], r[n]["strays"]) != (base[n]["found"], base[n]["flagged"], base[n]["strays"])]
        print(f"    {label}: {align.totals(r, names)}, example {r['example']['strays']}; " + "; ".join(moved))
    for name in asked:
        for g in ((0.15, 1, None, 0.05), (0.15, 3, 0.3, 0.05), (0.1, 3, 0.3, 0.04)):
            for need in (False, True):
                show(f"{name} {g}{', each side a rival' if need else ''}", way(name, *g, need))
    for K in (1, 2, 3):
        for aud in (0.3, 0.4, 0.5):
            show(f"fields alone, from 0.15, {K} closest, audiences from {aud}", way("last", 0.15, K, aud, None, False))
    replay.EXTRA = None


if __name__ == "__main__":
    main()
