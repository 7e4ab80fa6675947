#!/usr/bin/env python3
"""Replays candidate rules for rewordings under the meaning bars (dupq40): a pair of one metric event whose fields
tell nothing apart (structural agreement) admitted under the grey band's bars when a second view of the two
hypotheses (title-and-change with rationale, outcome, audience, or one vector of the statement and rationale)
makes them each other's closest compatible text. On top of the committed rules (`classify-misses.py`'s replay
with the token-alignment rule), per set: rewordings gained, look-alikes and other pairs newly flagged.

    PLAYBOOK_DUMP_FEATURES=/tmp/f.json PLAYBOOK_DUMP_DUPQ22=1 ... PLAYBOOK_DUMP_DUPQ40=1 swift test --skip-build \
        --filter testDumpFeatures --skip 'Fresh1[12345]' --skip BlindSet
    python3 Tests/PlaybookOverlapsTests/Data/replay-agreement.py /tmp/f.json MODEL_DIR TOKEN_CACHE

MODEL_DIR and TOKEN_CACHE as in `replay-token-alignment.py`, but only the texts the token-alignment rule looks at are
encoded (on first use). `NO_GREY=1` replays without the token-alignment rule (no model needed); `REPLAY_OUT` names the pickle
of every setting's per-set changes (default /tmp/dupq40-replay.pkl). Views: `vec` one vector of the statement and its
rationale (the unit title-and-change and rationale vectors summed, renormalised), `rat` the mean of the title-and-change
and rationale cosines, `whole` the mean of title-and-change, audience, outcome and rationale cosines, `chg` the larger of
the title-and-change and change cosines. Blind splits are dropped on loading. numpy.

Measured 2026-12-03 on the 24 labelled sets dumped at `6ee85f8` (`docs/duplicates.md`, section `dupq40`): on top of the
committed rules (656 found, 24 flagged, 204 other pairs) `vec` from 0.20, bar 0.38, no audience bar, gains 18 rewordings on 12
sets for 0 look-alikes and 9 other pairs (left one set out +15, +0, +9); without the token-alignment rule +48, +0, +13. Nothing
committed in Sources yet.
"""
import collections
import json
import os
import sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from replay_modules import BLIND, module  # noqa: E402
align = module("align", "replay-token-alignment.py")
cm = module("cm", "classify-misses.py")
replay = align.replay


class LazyStates(dict):
    """Token states encoded on first use (only the grey band's texts need them), kept in a pickle."""
    def __init__(self, model_dir, path):
        super().__init__()
        import pickle
        self.path, self.raw = path, (pickle.load(open(path, "rb")) if os.path.exists(path) else {})
        self.encoder = None
        self.model_dir = model_dir
        for t in self.raw:
            self._put(t)

    def _put(self, t):
        ids, x = self.raw[t]
        x = x[1:-1]
        dict.__setitem__(self, t, (ids[1:-1], x / np.linalg.norm(x, axis=1, keepdims=True)))

    def __missing__(self, t):
        if self.encoder is None:
            self.encoder = module("encoder", "make-pair-vectors.py")
            self.encoder.load(self.model_dir)
        ids, x = self.encoder.encode(t, tokens=True)
        self.raw[t] = (list(ids), np.asarray(x, dtype=np.float32))
        self._put(t)
        return dict.__getitem__(self, t)

    def save(self):
        import pickle
        pickle.dump(self.raw, open(self.path, "wb"))


def lazy_states(model_dir, path):
    return LazyStates(model_dir, path)


def unit(v):
    v = np.asarray(v, dtype=np.float64)
    return v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-12)


def views(raw):
    """Per set: (i, j) -> dict of field cosines from the dump's rows, and per-text combined vectors."""
    out = []
    for r in raw:
        rows = {(x[0], x[1]): dict(change=x[7], title=x[8], audience=x[9], outcome=x[10], rationale=x[11]) for x in r["pairs"]}
        V = r.get("vectors") or {}
        comb = None
        try:
            comb = unit(unit(V["text"]) + unit(V["rationale"]))
        except Exception:
            comb = None
        out.append((rows, comb))
    return out


def value(view, p, f, comb, i, j):
    if view == "rat":
        return (p["cos"] + f["rationale"]) / 2
    if view == "out":
        return (p["cos"] + f["outcome"]) / 2
    if view == "whole":
        return (p["cos"] + p["audience"] + f["outcome"] + f["rationale"]) / 4
    if view == "chg":
        return max(p["cos"], f["change"])
    if view == "vec":
        return float(comb[i] @ comb[j]) if comb is not None else p["cos"]
    raise ValueError(view)


def candidate(view, low, bar, aud, K, top=0.38):
    def extra_of(s, rows, comb):
        t = s["texts"]
        ranked = collections.defaultdict(list)
        for (i, j), p in s["everything"].items():
            if p["same_metric"] and p["diff"] == "" and t[i] != t[j]:
                v = value(view, p, rows[(i, j)], comb, i, j)
                ranked[i].append((v, j))
                ranked[j].append((v, i))
        for k in ranked:
            ranked[k].sort(reverse=True)

        def rank(x, o):
            seen = []
            for _, y in ranked[x]:
                if t[y] not in seen:
                    seen.append(t[y])
                    if t[y] == t[o]:
                        return len(seen)
            return 99
        out = []
        for (i, j), p in s["pairs"].items():
            if not p["same_metric"] or p["diff"] != "" or not low <= p["cos"] < top or p["audience"] < aud:
                continue
            if value(view, p, rows[(i, j)], comb, i, j) < bar:
                continue
            if rank(i, j) <= K and rank(j, i) <= K:
                out.append((i, j))
        return out
    return extra_of


def main():
    raw = [r for r in json.load(open(sys.argv[1])) if r["split"] not in BLIND]
    sets = [s for s in replay.load(sys.argv[1]) if s["split"] not in BLIND]
    states = lazy_states(sys.argv[2], sys.argv[3])
    prepared = {s["split"]: cm.prepare(s) for s in sets}
    grey = cm.extra_for(states, prepared)
    memo = {}

    def committed(s):
        if os.environ.get("NO_GREY"):
            return []
        if s["split"] not in memo:
            memo[s["split"]] = grey(s)
        return memo[s["split"]]
    extra_views = {s["split"]: v for s, v in zip(sets, views(raw))}
    names = [s["split"] for s in sets if s["split"] != "example"]

    def run_all(cand):
        res = {}
        for s in sets:
            if cand is None:
                replay.EXTRA = committed
            else:
                rows, comb = extra_views[s["split"]]
                replay.EXTRA = lambda s2, rows=rows, comb=comb: list(set(committed(s2)) | set(cand(s2, rows, comb)))
            res[s["split"]] = replay.run(s, **align.SETTINGS)
        replay.EXTRA = None
        return res
    base = run_all(None)
    if not os.environ.get("NO_GREY"):
        states.save()
    keys = ("found", "flagged", "strays")
    print("committed: " + "; ".join(f"{n} " + "/".join(str(base[n][k]) for k in keys) for n in names) + f"; example {base['example']['strays']}")
    print("total", [sum(base[n][k] for n in names) for k in keys])
    grid = []
    for view in ("rat", "whole", "chg", "vec"):
        for low in (0.2, 0.25, 0.3):
            for bar in ((0.3, 0.34, 0.38, 0.42) if view != "whole" else (0.3, 0.35, 0.4)):
                for aud in (0.0, 0.3, 0.4, 0.5):
                    for K in (1,):
                        grid.append((view, low, bar, aud, K))
    rows_out = []
    for g in grid:
        r = run_all(candidate(*g))
        d = {n: tuple(r[n][k] - base[n][k] for k in keys) for n in names}
        tot = tuple(sum(d[n][m] for n in names) for m in range(3))
        gained_sets = sum(1 for n in names if d[n][0] > 0)
        rows_out.append((g, tot, gained_sets, r["example"]["strays"], d))
    import pickle
    pickle.dump((base, rows_out), open(os.environ.get("REPLAY_OUT", "/tmp/dupq40-replay.pkl"), "wb"))
    rows_out.sort(key=lambda x: (-(x[1][0] - 3 * x[1][1] - x[1][2] / 3)))
    for g, tot, gs, ex, d in rows_out[:40]:
        moved = " ".join(f"{n}:{'/'.join('%+d' % v for v in d[n])}" for n in names if any(d[n]))
        print(f"{g} found {tot[0]:+d} flagged {tot[1]:+d} other {tot[2]:+d} sets-gaining {gs} example {ex} | {moved}")


if __name__ == "__main__":
    main()
