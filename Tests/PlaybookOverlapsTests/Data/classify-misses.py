#!/usr/bin/env python3
"""Classifies the rewordings the rules miss by the step that loses them, on features dumped by the
Swift tests (`testDumpFeatures`), with the committed rules (the neighbour rule's replay and the
token-alignment rule with its committed knobs).

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/classify-misses.py /tmp/features.json MODEL_DIR [TOKEN_CACHE] [-v]

Classes: another metric event; a field difference read; below the grey band (cosine < LOW); the grey
band, not admitted by token alignment (and why); a weak match whose audiences do not read alike; crowded
out of each other's two closest texts (by the idea's own look-alike or by other ideas); the tie-break
between two look-alikes lost (by a field, a denial, or the cosines). numpy and scipy.
"""
import collections
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def module(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


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


def main():
    sets = replay.load(sys.argv[1])
    states = align.token_states(sets, sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else "/tmp/playbook-token-states.pkl")
    prepared = {s["split"]: prepare(s) for s in sets}
    replay.EXTRA = extra_for(states, prepared)
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
