#!/usr/bin/env python3
"""Replays two rules for the rewordings lost in the tie-break between an idea and its look-alike, and crowded out
of each other's closest texts, on features dumped by the Swift tests (`dupq18`; the blind sets are not in the dump,
and any split named `fresh10` or `fresh11` is dropped here).

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-tie-phrases.py /tmp/features.json MODEL_DIR [TOKEN_CACHE] [--windows]

1. The tie-break by the look-alikes' own words: when a text x restates two look-alikes a and y (near copies the
   fields tell apart) and the cosines decide (no denial, number or measure does), a reader looks at the words that
   tell a from y ("the checkout page" / "each restaurant card in search results") and asks which of them x says in
   other words ("on the tiles of the list a query returns"). The words: a word diff of a's and y's texts (each side's
   spans joined). The signals: `phrase` (x's sentence vector against each side's words encoded as one sentence),
   `windows` (with `--windows`, only the tie-breaks of an idea's own texts, not replayed: the best cosine of any 2-4 word
   window of x, encoded alone, with each side's span without its stop words, best span; about ten minutes), `tokens` (the tokens a has and y has not, their best cosine with x's token states, averaged;
   `replay-token-alignment.py`'s detail tokens). Each decides when it stands `margin` clear of zero, else the
   cosines; optionally only on a near tie of the cosines (`gap`).
2. Crowded: a pair of cosine 0.38 or more at rank three or four (not among each other's two closest), admitted when
   its token alignment stands clear of its rivals', as the grey-band rule does under 0.38.
Each set left out: knobs chosen on the eleven others (`replay-token-alignment.f1_leave_one_out`), the brief's bar
being more rewordings found with no more look-alikes flagged and at most two more other pairs in all.
numpy and scipy.
"""
import collections
import difflib
import os
import pickle
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


from replay_modules import BLIND, module  # noqa: E402


cm = module("cm", "classify-misses.py")
align, replay = cm.align, cm.replay
enc = module("enc", "make-pair-vectors.py")
WORD = re.compile(r"[\w'%-]+")
STOP = set("a an the of on in at to for and or with by their its our your each every".split())
key = lambda x, y: (min(x, y), max(x, y))


def spans(a, y):
    """The word spans of a that y has not, and of y that a has not."""
    wa, wy = WORD.findall(a.lower()), WORD.findall(y.lower())
    A, Y = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wy, autojunk=False).get_opcodes():
        if op != "equal":
            A += [" ".join(wa[i1:i2])] if i2 > i1 else []
            Y += [" ".join(wy[j1:j2])] if j2 > j1 else []
    return A, Y


class Vectors:
    def __init__(self, path):
        self.path, self.v = path, (pickle.load(open(path, "rb")) if os.path.exists(path) else {})

    def __call__(self, t):
        if t not in self.v:
            self.v[t] = enc.encode(t)
        return self.v[t]

    def save(self):
        pickle.dump(self.v, open(self.path, "wb"))


def events(sets):
    """Every tie-break that reaches the cosines in the committed rules: (split, x, a, y)."""
    out = []
    replay.TIE = lambda s, x, a, y: out.append((s["split"], x, a, y))
    for s in sets:
        replay.run(s, **align.SETTINGS)
    replay.TIE = None
    return sorted(set(out))


def signals(sets, states, E, windows):
    by = {s["split"]: s for s in sets}
    out = {}
    for split, x, a, y in events(sets):
        s = by[split]
        t = s["texts"]
        A, Y = spans(t[a], t[y])
        ex = E(t[x])
        f = {"phrase": (float(ex @ E(" ".join(A))) if A else 0.0) - (float(ex @ E(" ".join(Y))) if Y else 0.0)}
        (ia, SA), (iy, SY), (_, SX) = states[t[a]], states[t[y]], states[t[x]]
        da, dy = align.detail(ia, iy), align.detail(iy, ia)
        f["tokens"] = float((SA[da] @ SX.T).max(1).mean() - (SY[dy] @ SX.T).max(1).mean()) if da and dy else 0.0
        pa, py = s["pairs"][key(x, a)], s["pairs"][key(x, y)]
        f["cosines"] = pa["cos"] + pa["audience"] - py["cos"] - py["audience"]
        f["gap"] = abs(f["cosines"])
        f["right"] = True if replay.label(s, x, a) == "dup" else False if replay.label(s, x, y) == "dup" else None
        if windows and f["right"] is not None:
            w = WORD.findall(t[x].lower())
            V = np.array([E(" ".join(w[i:i + n])) for n in range(2, 5) for i in range(max(1, len(w) - n + 1))])
            bare = lambda P: [q for q in (" ".join(v for v in p.split() if v not in STOP) for p in P) if q]
            best = lambda P: max(float((V @ E(p)).max()) for p in P) if P else 0.0
            f["windows"] = best(bare(A)) - best(bare(Y))
        f["spans"] = (A, Y)
        out[(split, x, a, y)] = f
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sets = [s for s in replay.load(args[0]) if s["split"] not in BLIND]
    enc.load(args[1])
    states = align.token_states(sets, args[1], args[2] if len(args) > 2 else "/tmp/playbook-token-states.pkl")
    prepared = {s["split"]: cm.prepare(s) for s in sets}
    committed = cm.extra_for(states, prepared)
    replay.EXTRA = committed
    names = [s["split"] for s in sets if s["split"] != "example"]
    E = Vectors("/tmp/playbook-phrase-vectors.pkl")
    F = signals(sets, states, E, "--windows" in sys.argv)
    E.save()
    kinds = ["phrase", "tokens"]
    # each tie-break is asked both ways (x between a and y, x between y and a): counted once, a before y
    labelled = {e: f for e, f in F.items() if f["right"] is not None and e[2] < e[3]}
    lost = [f for f in labelled.values() if (f["cosines"] > 0) != f["right"]]
    won = [f for f in labelled.values() if (f["cosines"] > 0) == f["right"]]
    print(f"1. {len(F)} tie-breaks reach the cosines, {len(labelled)} between an idea's rewording and another text of its"
          f" idea (the cosines lose {len(lost)} of them, win {len(won)}); each signal's sign right in:")
    for k in ["cosines"] + kinds + (["windows"] if "--windows" in sys.argv else []):
        right = lambda fs: sum(1 for f in fs if (f[k] > 0) == f["right"])
        print(f"    {k:8s} {right(lost)} of the {len(lost)} lost, {right(won)} of the {len(won)} won")
    by = {s["split"]: s for s in sets}
    if "-v" in sys.argv:
        for (split, x, a, y), f in sorted(labelled.items()):
            if (f["cosines"] > 0) != f["right"]:
                t = by[split]["texts"]
                print(f"    {split} {by[split]['roles'][x][0]}: cosines {f['cosines']:+.3f}, phrase {f['phrase']:+.3f}, tokens"
                      f" {f['tokens']:+.3f}" + (f", windows {f['windows']:+.3f}" if "windows" in f else "") +
                      f"\n      x {t[x]}\n      a {t[a]}\n      y {t[y]}\n      words {f['spans']}")
    results = {}
    grid = [None] + [(k, m, g) for k in kinds for m in (0.0, 0.02, 0.05, 0.1, 0.15) for g in (None, 0.04, 0.08, 0.15)]
    for g in grid:
        if g is None:
            replay.TIE = None
        else:
            k, m, gap = g
            def tie(s, x, a, y, k=k, m=m, gap=gap):
                f = F.get((s["split"], x, a, y))
                if f is None or abs(f[k]) <= m or (gap is not None and f["gap"] >= gap):
                    return None
                return f[k] > 0
            replay.TIE = tie
        results[g] = {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}
    replay.TIE = None
    results = {g: r for g, r in results.items() if r["example"]["strays"] == 0}
    tot = lambda r: tuple(sum(r[n][k] for n in names) for k in ("found", "flagged", "strays"))
    print(f"    committed, in-sample: {tot(results[None])}")
    for g in sorted((g for g in results if g), key=lambda g: (-(tot(results[g])[0] - tot(results[g])[2]), g[0], g[1]))[:12]:
        print(f"    {g}: {tot(results[g])}")
    print("    left one set out (knobs of best F1 on the eleven others):")
    align.f1_leave_one_out(results, names, None)

    print("2. crowded pairs (cosine 0.38 or more, rank three or four) admitted by token alignment clear of rivals")
    memo = {}

    def aligned(s, x, y):
        k = (s["split"],) + key(x, y)
        if k not in memo:
            memo[k] = align.alignment(states, s["texts"][x], s["texts"][y])
        return memo[k]

    def upper(high, K, L, margin, audience, bar=0.26):
        def extra(s):
            out, t, closest = list(committed(s)), s["texts"], prepared[s["split"]]
            for (i, j), p in s["pairs"].items():
                if not (p["same_metric"] and p["diff"] == "" and 0.38 <= p["cos"] < high):
                    continue
                if (audience is not None and p["audience"] < audience) or cm.rank(s, closest, i, j) > K or cm.rank(s, closest, j, i) > K:
                    continue
                if all(aligned(s, x, o) >= bar and not any(aligned(s, x, o) - aligned(s, x, y) <= margin
                                                          for _, y in closest[x][:L] if t[y] != t[o]) for x, o in ((i, j), (j, i))):
                    out.append((i, j))
            return out
        return extra
    crowded = {None: results[None]}
    for g in [(h, K, L, m, a) for h in (0.45, 0.55, 1.0) for K in (3, 4) for L in (2, 3, 4) for m in (-0.01, 0, 0.01, 0.02, 0.03, 0.05)
              for a in (None, 0.3)]:
        replay.EXTRA = upper(*g)
        crowded[g] = {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}
    replay.EXTRA = committed
    crowded = {g: r for g, r in crowded.items() if r["example"]["strays"] == 0}
    print(f"    best in-sample found: {max(tot(r)[0] for r in crowded.values())} (committed {tot(results[None])})")
    align.f1_leave_one_out(crowded, names, None)


if __name__ == "__main__":
    main()
