#!/usr/bin/env python3
"""Classifies the rewordings the rules miss by the step that loses them, on features dumped by the
Swift tests (`testDumpFeatures`), with the committed rules (the neighbour rule's replay and the
token-alignment rule with its committed knobs).

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/classify-misses.py /tmp/features.json MODEL_DIR [TOKEN_CACHE] [-v | --variants]

Classes: another metric event; a field difference read; below the grey band (cosine < LOW); the grey
band, not admitted by token alignment (and why); a weak match whose audiences do not read alike; crowded
out of each other's two closest texts (by the idea's own look-alike or by other ideas); the tie-break
between two look-alikes lost (by a field, a denial, or the cosines). numpy and scipy.
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


from replay_modules import module  # noqa: E402


align = module("align", "replay-token-alignment.py")
replay = align.replay
LOW, BAR, MARGIN, AUDIENCE, K, L = align.COMMITTED


def prepare(s):
    t = s["texts"]
    closest = collections.defaultdict(list)
    for (i, j), p in s["everything"].items():
        if p["same_metric"] and p["diff"] == "" and t[i] != t[j]:
            closest[i].append((p["cos"], j))
            closest[j].append((p["cos"], i))
    for k in closest:
        closest[k].sort(reverse=True)
    return closest


def rank(s, closest, x, o):
    t, seen = s["texts"], []
    for _, y in closest[x]:
        if t[y] not in seen:
            seen.append(t[y])
            if t[y] == t[o]:
                return len(seen)
    return 99


def grey(s, states, closest, i, j):
    """Why the token-alignment rule does (None) or does not admit the pair."""
    t, p = s["texts"], s["pairs"][(i, j)]
    if not LOW <= p["cos"] < 0.38:
        return "cosine outside the band"
    if p["audience"] < AUDIENCE:
        return f"audiences under {AUDIENCE}"
    if rank(s, closest, i, j) > K or rank(s, closest, j, i) > K:
        return f"not among each other's {K} closest"
    for x, o in ((i, j), (j, i)):
        mine = align.alignment(states, t[x], t[o])
        rivals = [align.alignment(states, t[x], t[y]) for _, y in closest[x][:L] if t[y] != t[o]]
        if mine < BAR or (rivals and mine - max(rivals) <= MARGIN):
            return "alignment not clear of a rival"
    return None


def extra_for(states, prepared):
    def extra(s):
        closest = prepared[s["split"]]
        return [(i, j) for (i, j), p in s["pairs"].items()
                if p["same_metric"] and p["diff"] == "" and LOW <= p["cos"] < 0.38 and grey(s, states, closest, i, j) is None]
    return extra


def classify(s, states, closest, trace, called):
    t, roles, P = s["texts"], s["roles"], s["pairs"]
    out = []
    for (i, j), p in P.items():
        if replay.label(s, i, j) != "dup" or (i, j) in called:
            continue
        if not p["same_metric"]:
            c = "another metric event"
        elif p["diff"]:
            c = "field difference read: " + p["diff"].split(" ")[0]
        elif (i, j) in trace.get("lost", {}):
            x, a, y, why = trace["lost"][(i, j)]
            own = roles[a][0] == roles[i][0] or roles[y][0] == roles[i][0]
            c = f"tie-break lost ({why}, {'own look-alike' if own else 'another idea'})"
        elif p["cos"] < LOW:
            c = f"below the grey band (< {LOW:.2f})"
        elif p["cos"] < 0.38:
            c = "grey band: " + (grey(s, states, closest, i, j) or "admitted but ?")
        elif p["cos"] < 0.42 and p["audience"] < 0.4 and not replay.stands_clear(s, i, j, p["cos"], 0.14):
            c = "weak match, audiences apart"
        elif trace.get("rank", {}).get((i, j), 99) > 2:  # the neighbour rule's two ranks
            # who crowds it out: the closer texts of each side
            crowd = set()
            for x, o in ((i, j), (j, i)):
                for c2, r in closest[x]:
                    if c2 <= p["cos"]:
                        break
                    if t[r] != t[o]:
                        crowd.add("own look-alike" if roles[r][0] == roles[i][0] else "another idea")
            c = "crowded out of the two closest (" + "/".join(sorted(crowd)) + ")"
        else:
            c = "other"
        out.append((c, i, j, p))
    return out


# Variants of the tie-break and the rank measured with `--variants` against the committed rules (the first):
# options of `replay.run`, see `replay-neighbour-rule.py`.
VARIANTS = {
    "committed": {},
    "measures only after the fields": {"measures": "tie"},
    "no measures": {"measures": None},
    "bare numbers before the fields too": {"quantities": "first"},
    "denial: stems one look-alike denies": {"denial": "scoped"},
    "denial named by the direction difference": {"denial": "change"},
    "...a direction word only": {"denial": "change-axis"},
    "denial: every one decides (before dupq26)": {"denial": True},
    "rivals' look-alike families once": {"families": "look"},
    "relaxed rank, audiences from 0.3": {"relaxed": 0.3},
    "relaxed rank, audiences from 0.4": {"relaxed": 0.4},
    "relaxed rank, audiences from 0.5": {"relaxed": 0.5},
}


def variants(sets):
    """Each variant's figures per set and in all, and left one set out: a set takes a variant when, on the eleven
    others, it finds more rewordings less other pairs than the committed rules, with no more look-alikes or other
    pairs there and none in the bundled example."""
    names = [s["split"] for s in sets if s["split"] != "example"]
    keys = ("found", "flagged", "strays")
    res = {v: {s["split"]: replay.run(s, **dict(align.SETTINGS, **kw)) for s in sets} for v, kw in VARIANTS.items()}
    base = res["committed"]
    for v, r in res.items():
        tot = [sum(r[n][k] for n in names) for k in keys]
        print(f"{v:42s} {tot[0]}/{tot[1]}/{tot[2]}  F1 {replay.f1([r[n] for n in names]):.3f} "
              f"{replay.f1([r[n] for n in names], strays=True):.3f}  example {r['example']['strays']}")
        moved = [f"{n} " + "/".join(str(base[n][k]) for k in keys) + " -> " + "/".join(str(r[n][k]) for k in keys)
                 for n in names if any(r[n][k] != base[n][k] for k in keys)]
        if moved:
            print("    " + "; ".join(moved))
        if v == "committed":
            continue
        loo, took = [0, 0, 0], []
        for held in names:
            g = lambda x, k: sum(x[n][k] for n in names if n != held)
            take = (g(r, "found") - g(r, "strays") > g(base, "found") - g(base, "strays") and g(r, "flagged") <= g(base, "flagged")
                    and g(r, "strays") <= g(base, "strays") and r["example"]["strays"] == 0)
            took += [held] if take else []
            for m, k in enumerate(keys):
                loo[m] += (r if take else base)[held][k]
        print(f"    left one set out {loo[0]}/{loo[1]}/{loo[2]}, taken by {len(took)}: {' '.join(took)}")


def main():
    sets = replay.load(sys.argv[1])
    states = align.token_states(sets, sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else "/tmp/playbook-token-states.pkl")
    prepared = {s["split"]: prepare(s) for s in sets}
    replay.EXTRA = extra_for(states, prepared)
    if "--variants" in sys.argv:
        variants(sets)
        return
    table = collections.defaultdict(collections.Counter)
    rows = []
    for s in sets:
        if s["split"] == "example":
            continue
        trace = {}
        r = replay.run(s, **align.SETTINGS, trace=trace)
        print(f"{s['split']:9s} {r['found']}/{r['duplicates']} found, {r['flagged']} flagged, {r['strays']} other pairs")
        for c, i, j, p in classify(s, states, prepared[s["split"]], trace, r["called"]):
            table[c][s["split"]] += 1
            rows.append((s["split"], c, i, j, p, s))
    names = [s["split"] for s in sets if s["split"] != "example"]
    print(f"{'class':62s} {'all':>4s} " + " ".join(f"{n[-6:]:>6s}" for n in names))
    for c in sorted(table, key=lambda c: -sum(table[c].values())):
        print(f"{c:62s} {sum(table[c].values()):4d} " + " ".join(f"{table[c][n]:6d}" for n in names))
    if "-v" in sys.argv:
        for split, c, i, j, p, s in rows:
            print(f"{split} {c} cos {p['cos']:.3f} aud {p['audience']:.2f}\n   {s['texts'][i]}\n   {s['texts'][j]}")


if __name__ == "__main__":
    main()
