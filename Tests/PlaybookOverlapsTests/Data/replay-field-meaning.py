#!/usr/bin/env python3
"""Replays a field difference confirmed by meaning before it vetoes a pair (dupq17), on the features the Swift
tests dump, with the committed rules (the neighbour rule's replay and the token-alignment rule's committed knobs,
as `classify-misses.py` runs them: 452 of 512 rewordings found, 10 look-alikes flagged, 125 other pairs).

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-field-meaning.py /tmp/features.json MODEL_DIR [TOKEN_CACHE] [--without]

The dump holds the twelve seen sets and the bundled example only (`fresh10` and `fresh11` are blind: never
dumped nor replayed). For every pair whose comparison (plain, `diff`, or as look-alikes, `look`) reads one
difference of surface, platform, direction or detail, the words that named each side's value are found in its
text (surface and platform: the phrases of `Facets.vocabulary`, read from `Facets.swift`; direction and detail:
the words the stems begin), and three measures of whether the other side says the same in other words:

- `value`: the cosine of the two values' words ("dashboard" / "home"), one-sided differences left out;
- `without` (with `--without`, a few minutes): the texts' cosine with each side's phrase taken out, less their
  cosine as written (a near copy swapping a phrase reads closer without it);
- `phrase`: token alignment of the phrase (all-MiniLM-L6-v2's last-layer states, as `replay-token-alignment.py`):
  the mean, over the phrase's tokens, of each token's best cosine with the other text's tokens, less the same
  mean over the text's other tokens; the smaller of the two sides (a near copy's other tokens align at about 1,
  so a swapped phrase stands far below them; a rewording's phrase aligns about as well as the rest).

Then: the upper bound (every rewording pair's field difference lifted, by hand) and what still loses the
rewordings whose plain comparison read a field (`classify-misses.py`'s classes), each rule that lifts a
difference whose `phrase` is above a bar, and the same for differences one side only names, read when a
rewording and its idea are compared as look-alikes (the tie-break); each with its figures by set and left one
set out (a set takes the best rule, by rewordings found less other pairs on the eleven others, when it gains
there with no more look-alikes or other pairs and none in the bundled example). numpy and scipy.
"""
import collections
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FACETS = os.path.join(HERE, "..", "..", "..", "Sources", "PlaybookOverlaps", "Facets.swift")
KINDS = ("surface", "platform", "direction", "detail")


from replay_modules import BLIND, module  # noqa: E402


classify = module("classify", "classify-misses.py")
align, replay = classify.align, classify.replay
encoder = module("encoder", "make-pair-vectors.py")
KEYS = ("found", "flagged", "strays")


def vocabulary():
    """value -> the phrases of `Facets.vocabulary` that name it."""
    out = collections.defaultdict(set)
    for phrase, tags in re.findall(r'"([a-z ]+)": \[("[^\]]*")\]', open(FACETS).read()):
        for _, value in re.findall(r'"(\w+)": "([^"]+)"', tags):
            out[value].add(phrase)
    return out


def located(text, kind, value, vocab):
    """The word indices of `text` (the model's words) that name `value`, and each word's token range."""
    ws = encoder.words(text)
    spans, k = [], 0
    for w in ws:
        n = len(encoder.pieces(w))
        spans.append(range(k, min(k + n, 254)))
        k += n
    found = set()
    values = [v.strip() for v in value.split(",")]
    if kind in ("surface", "platform"):
        phrases = set().union(*[vocab.get(v, set()) | {v} for v in values])
        for ph in phrases:
            p = ph.split()
            for s in range(len(ws) - len(p) + 1):
                if all(ws[s + m].startswith(p[m][:max(3, len(p[m]) - 1)]) if len(p[m]) > 3 else ws[s + m] == p[m] for m in range(len(p))):
                    found |= set(range(s, s + len(p)))
    else:
        for w in " ".join(values).split():
            if w in ("not", "–"):
                continue
            found |= {i for i, x in enumerate(ws) if x.startswith(w) or (len(w) > 4 and x.startswith(w[:-1]))}
    return ws, sorted(found), spans


def phrase_alignment(states, a, b, tokens):
    """The phrase's tokens' best cosines with b's tokens, less the other tokens' (their means)."""
    _, A = states[a]
    _, B = states[b]
    best = (A @ B.T).max(1)
    rest = [best[i] for i in range(len(best)) if i not in tokens]
    return float(np.mean([best[i] for i in tokens])) - (float(np.mean(rest)) if rest else 0.0)


def measure(sets, states, vocab, without):
    cache = {}

    def enc(t):
        if t not in cache:
            cache[t] = encoder.encode(t)
        return cache[t]

    rows = []
    for s in sets:
        if s["split"] == "example":
            continue
        T = s["texts"]
        for (i, j), p in s["pairs"].items():
            lab = replay.label(s, i, j)
            if not p["same_metric"] or lab == "same":
                continue
            for which in ("diff", "look"):
                ds = [d for d in p[which].split("; ") if d]
                m = re.fullmatch(r"(\w+) \((.*) / (.*)\)", ds[0]) if len(ds) == 1 else None
                if not m or m.group(1) not in KINDS:
                    continue
                kind, left, right = m.groups()
                sides, ok = [], True
                for x, o, value in ((i, j, left), (j, i, right)):
                    if value == "–":
                        continue
                    ws, idx, spans = located(T[x], kind, value, vocab)
                    if not idx:
                        ok = False
                        continue
                    sides.append((x, o, ws, idx, spans))
                row = dict(split=s["split"], which=which, label=lab, kind=kind, left=left, right=right, key=(i, j), ok=ok,
                           one_sided=(left == "–") != (right == "–"), phrase=None, value=None, without=None)
                if ok and sides:
                    row["phrase"] = min(phrase_alignment(states, T[x], T[o], {t for w in idx for t in spans[w]}) for x, o, ws, idx, spans in sides)
                    if not row["one_sided"]:
                        row["value"] = float(enc(left) @ enc(right))
                    if without:
                        cut = {x: " ".join(w for k, w in enumerate(ws) if k not in set(idx)) for x, o, ws, idx, spans in sides}
                        row["without"] = float(enc(cut.get(i, T[i])) @ enc(cut.get(j, T[j]))) - float(enc(T[i]) @ enc(T[j]))
                rows.append(row)
    return rows


def quantiles(values):
    v = sorted(values)
    return " ".join(f"{v[int(q * (len(v) - 1))]:+.2f}" for q in (0, 0.1, 0.25, 0.5, 0.75, 0.9, 1)) if v else "–"


def main():
    sets = replay.load(sys.argv[1])
    names = [s["split"] for s in sets if s["split"] != "example"]
    assert not BLIND & set(names), "the blind sets are never replayed"
    token_cache = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("-") else "/tmp/playbook-token-states.pkl"
    states = align.token_states(sets, sys.argv[2], token_cache)
    encoder.load(sys.argv[2])
    prepared = {s["split"]: classify.prepare(s) for s in sets}
    replay.EXTRA = classify.extra_for(states, prepared)
    rows = measure(sets, states, vocabulary(), "--without" in sys.argv)
    by = {s["split"]: s for s in sets}
    written = {(s["split"], k): (p["diff"], p["look"]) for s in sets for k, p in s["pairs"].items()}

    def restore():
        for (split, k), (d, look) in written.items():
            by[split]["pairs"][k]["diff"], by[split]["pairs"][k]["look"] = d, look

    def lift(chosen):
        restore()
        for r in chosen:
            by[r["split"]]["pairs"][r["key"]][r["which"]] = ""
        return {s["split"]: replay.run(s, **align.SETTINGS) for s in sets}

    total = lambda res: "/".join(str(sum(res[n][k] for n in names)) for k in KEYS)
    f1 = lambda res: f"F1 {replay.f1([res[n] for n in names]):.3f} {replay.f1([res[n] for n in names], strays=True):.3f}"
    base = lift([])

    def moved(res):
        return "; ".join(f"{n} " + "/".join(str(base[n][k]) for k in KEYS) + " -> " + "/".join(str(res[n][k]) for k in KEYS)
                         for n in names if any(res[n][k] != base[n][k] for k in KEYS))

    print(f"committed {total(base)} {f1(base)}")
    print("measures by comparison, field and label (quantiles 0 .1 .25 .5 .75 .9 1; phrases located in all but "
          f"{sum(1 for r in rows if not r['ok'])} of {len(rows)}):")
    for which in ("diff", "look"):
        for kind in KINDS:
            for lab in ("dup", "look", "stray"):
                R = [r for r in rows if r["which"] == which and r["kind"] == kind and r["label"] == lab and r["phrase"] is not None]
                if R:
                    print(f"  {which:4s} {kind:9s} {lab:5s} {len(R):4d}  phrase {quantiles([r['phrase'] for r in R])}"
                          f"  value {quantiles([r['value'] for r in R if r['value'] is not None])}"
                          + (f"  without {quantiles([r['without'] for r in R])}" if "--without" in sys.argv else ""))
    print("upper bound, every rewording pair's difference lifted by hand:")
    for which in (("diff",), ("diff", "look"), ("look",)):
        res = lift([r for r in rows if r["label"] == "dup" and r["which"] in which])
        print(f"  {'+'.join(which):9s} {total(res)} {f1(res)} | {moved(res)}")
    # what loses the rewordings whose plain comparison read a field, once every rewording pair's difference is lifted
    read = {(r["split"], r["key"]) for r in rows if r["label"] == "dup" and r["which"] == "diff"}
    lift([r for r in rows if r["label"] == "dup"])
    for s in sets:
        if s["split"] == "example":
            continue
        trace = {}
        called = replay.run(s, **align.SETTINGS, trace=trace)["called"]
        for c, i, j, p in classify.classify(s, states, prepared[s["split"]], trace, called):
            if (s["split"], (i, j)) in read:
                print(f"    {s['split']:9s} {c}, cosine {p['cos']:.2f}: {s['texts'][j][:70]}")
    rules = {}
    for families, which, one_sided in ((("surface",), ("diff",), False), (("surface", "platform"), ("diff",), False),
                                       (("surface", "platform", "detail"), ("diff",), False), (KINDS, ("diff",), False),
                                       (("surface", "platform"), ("diff", "look"), False),
                                       (("platform",), ("look",), True), (("direction",), ("look",), True),
                                       (("direction", "platform"), ("look",), True), (KINDS, ("look",), True)):
        for bar in (None, -0.3, -0.2, -0.15, -0.1, -0.05, 0.0, 0.1):
            if bar is None and not one_sided:
                continue
            chosen = [r for r in rows if r["which"] in which and r["kind"] in families and r["ok"] and (r["one_sided"] or not one_sided)
                      and (bar is None or (r["phrase"] is not None and r["phrase"] > bar))]
            res = lift(chosen)
            name = f"{'+'.join(families)} {'+'.join(which)}{' one-sided' if one_sided else ''} phrase > {bar if bar is not None else 'any'}"
            rules[name] = res
            print(f"  {name:58s} lifts {len(chosen):4d}: {total(res)} {f1(res)} example {res['example']['strays']} | {moved(res)}")
    loo, took = {k: 0 for k in KEYS}, []
    for held in names:
        g = lambda res, k: sum(res[n][k] for n in names if n != held)
        best = None
        for name, res in rules.items():
            if res["example"]["strays"] or g(res, "flagged") > g(base, "flagged") or g(res, "strays") > g(base, "strays"):
                continue
            gain = g(res, "found") - g(res, "strays") - (g(base, "found") - g(base, "strays"))
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, name)
        for k in KEYS:
            loo[k] += (rules[best[1]] if best else base)[held][k]
        took.append(f"{held}: {best[1] if best else 'committed'}")
    print("left one set out " + "/".join(str(loo[k]) for k in KEYS) + "\n  " + "\n  ".join(took))
    restore()


if __name__ == "__main__":
    main()
