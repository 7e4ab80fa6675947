#!/usr/bin/env python3
"""Asks whether the hypothesis's structure tells two ideas of one product and one metric ("siblings": two lounge ideas
toward one booking metric, their rewordings crowding each other out) from a rewording: which field carries the
similarity. Siblings share the metric, audience, outcome and rationale but their changes differ; a rewording's change
means the same in other words. On features dumped by the Swift tests, leaving one labelled set out at a time.

    PLAYBOOK_DUMP_DUPQ22=1 PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-siblings.py /tmp/features.json MODEL_DIR [TOKEN_CACHE]

MODEL_DIR and TOKEN_CACHE as in `replay-token-alignment.py` (the committed grey-band rule is replayed with it). The
dump's per-field cosines (each field encoded alone by the test: change, title, audience, outcome, rationale) exist
for the labelled sets only; the bundled example has none, so no rule here can fire on it (its figure is the committed
one). `dupq22` is measured with the knobs the twelve seen sets choose, never chosen on; a split named `fresh10`,
`fresh11` or `fresh12` (the blind sets, never dumped) is dropped on loading.

1. Separation: over the pairs of one metric that the committed rules call duplicates, and over the rewordings they
   miss, the AUC of each field's cosine (and of the context fields' best less the change's) for telling rewordings
   from the other pairs, and of the other pairs those that are siblings (two labelled ideas of one metric).
2. Rules: a pair of one metric, no field telling it apart, is read as siblings when its change's own cosine is under
   `change` and its best context cosine (audience, outcome, rationale) exceeds the change's by `gap` or more. `apart`:
   siblings are told apart as a field would (not called, no rival in the neighbour rule's ranks, a text restates at most
   one of two); `veto`: only not called; `rival`: only no rival in the ranks. Each knob chosen leaving one set out by
   `strict` and `f1` (`replay-hubness.py`'s criteria).
numpy and scipy (through the modules it reuses).
"""
import itertools
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


from replay_modules import module  # noqa: E402


hub = module("hub", "replay-hubness.py")
cm, align, replay = hub.cm, hub.align, hub.replay
KEYS = hub.KEYS
MEASURED_ONLY = hub.MEASURED_ONLY
FIELDS = ("change", "title", "audience_f", "outcome", "rationale")


def load(path):
    sets = [s for s in replay.load(path) if s["split"] not in hub.BLIND]
    raw = {r["split"]: r for r in json.load(open(path)) if r["split"] not in hub.BLIND}
    for s in sets:
        r = raw[s["split"]]
        s["metrics"] = r["metrics"]
        s["has_fields"] = bool(r.get("changes"))
        s["outcomes"] = [o.strip().lower() for o in r.get("outcomes", [])]
        for row in r["pairs"]:
            p = s["everything"][(row[0], row[1])]
            for name, v in zip(FIELDS, row[7:12]):
                p[name] = v
    return sets


def context(p):
    return max(p["audience_f"], p["outcome"], p["rationale"])


def sibling(s, i, j, p, rule, a, b):
    """Whether a pair of one metric that no field tells apart reads as two ideas of one product: by `change`, the change's
    own cosine under `a` and the best context cosine over it by `b` or more; by `outcome`, the outcome's cosine from `a`
    with the change's under `b`; by `copied`, the outcomes the same words, the change's cosine under `a`."""
    if not (s["has_fields"] and p["same_metric"] and p["diff"] == "" and s["texts"][i] != s["texts"][j]):
        return False
    if rule == "change":
        return p["change"] < a and context(p) - p["change"] >= b
    if rule == "copied":  # the outcome the same words (`a`: with the change's cosine under it)
        return s["outcomes"][i] == s["outcomes"][j] and p["change"] < a
    if rule == "copied-text":  # the same with the title-and-change cosine (the one the duplicate finder has)
        return s["outcomes"][i] == s["outcomes"][j] and p["cos"] < a
    return p["outcome"] >= a and p["change"] < b


def run_set(s, extra_of, mode, rule, a, b):
    """`apart`: siblings told apart as a field would (not called, no rival, a text restates at most one of two);
    `veto`: not called; `rival`: no rival in the ranks; `rival+veto`: both, without the restates-one-of-two rule."""
    marked = {k for k, p in s["everything"].items() if mode != "none" and sibling(s, k[0], k[1], p, rule, a, b)}
    t = s
    if mode == "apart":
        everything = {k: (dict(p, diff="sibling (change)", look="sibling (change)") if k in marked else p)
                      for k, p in s["everything"].items()}
        t = dict(s, everything=everything, pairs={k: everything[k] for k in s["pairs"]})
    replay.EXTRA = extra_of(t)
    r = replay.run(t, not_rivals=marked if mode.startswith("rival") else None, **align.SETTINGS)
    if mode in ("veto", "rival+veto"):
        called = r["called"] - marked
        counts = {"dup": 0, "look": 0, "stray": 0}
        for k in called:
            kind = replay.label(s, *k)
            if kind in counts:
                counts[kind] += 1
        r = dict(r, found=counts["dup"], flagged=counts["look"], strays=counts["stray"], called=called)
    return r


def auc(pos, neg):
    if not pos or not neg:
        return float("nan")
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def separation(sets, base):
    """AUCs over the committed calls of one metric and the missed rewordings: rewording against other pair, and
    against the other pairs that are siblings."""
    rows = {"dup": [], "stray": [], "sib": [], "missed": []}
    for s in sets:
        if not s["has_fields"] or s["split"] in MEASURED_ONLY:
            continue
        called = base[s["split"]]["called"]
        for k, p in s["pairs"].items():
            if not p["same_metric"]:
                continue
            kind = replay.label(s, *k)
            if k in called and kind in ("dup", "stray"):
                rows[kind].append(p)
                if kind == "stray" and s["roles"][k[0]][0] != s["roles"][k[1]][0]:
                    rows["sib"].append(p)
            elif kind == "dup":
                rows["missed"].append(p)
    print(f"called of one metric: {len(rows['dup'])} rewordings, {len(rows['stray'])} other pairs "
          f"({len(rows['sib'])} of two labelled ideas); {len(rows['missed'])} rewordings missed")
    feats = {"title+change": lambda p: p["cos"], "change": lambda p: p["change"], "title": lambda p: p["title"],
             "audience": lambda p: p["audience_f"], "outcome": lambda p: p["outcome"], "rationale": lambda p: p["rationale"],
             "change - context": lambda p: p["change"] - context(p), "change - rationale": lambda p: p["change"] - p["rationale"]}
    for name, f in feats.items():
        d, st, sb = [f(p) for p in rows["dup"]], [f(p) for p in rows["stray"]], [f(p) for p in rows["sib"]]
        mean = lambda v: sum(v) / len(v) if v else float("nan")
        print(f"  {name:18s} AUC called rewording vs other pair {auc(d, st):.3f}, vs sibling {auc(d, sb):.3f}; "
              f"means rewording {mean(d):.3f} other {mean(st):.3f} missed rewording {mean([f(p) for p in rows['missed']]):.3f}")


def main():
    loaded = load(sys.argv[1])
    cache = sys.argv[3] if len(sys.argv) > 3 else "/tmp/playbook-token-states.pkl"
    states = align.token_states(loaded, sys.argv[2], cache)
    names = [s["split"] for s in loaded if s["split"] not in ("example",) + MEASURED_ONLY]

    def extra_of(t):
        prepared = {t["split"]: cm.prepare(t)}
        return cm.extra_for(states, prepared)

    base = {s["split"]: run_set(s, extra_of, "none", None, 0, 0) for s in loaded}
    print(f"committed: {hub.total(base, names)} example {base['example']['strays']}; " +
          ", ".join(f"{n} " + "/".join(str(base[n][k]) for k in KEYS) for n in MEASURED_ONLY if n in base))
    separation(loaded, base)
    grids = {"change": list(itertools.product((0.4, 0.5, 0.6, 0.7), (0.0, 0.1, 0.2, 0.3))),
             "outcome": list(itertools.product((0.8, 0.85, 0.9, 0.95), (0.5, 0.6, 0.7, 1.01))),
             "copied": [(c, None) for c in (0.5, 0.6, 0.7, 1.01)],
             "copied-text": [(c, None) for c in (0.45, 0.5, 0.55, 0.6, 0.7, 1.01)]}
    modes = sys.argv[4].split(",") if len(sys.argv) > 4 else ["apart", "veto", "rival", "rival+veto"]
    rules = sys.argv[5].split(",") if len(sys.argv) > 5 else ["change", "outcome", "copied"]
    for rule, mode in itertools.product(rules, modes):
        results = {g: {s["split"]: run_set(s, extra_of, mode, rule, *g) for s in loaded} for g in grids[rule]}
        hub.report(f"{mode}, siblings by {rule} " + {"change": "(change under, context over the change by)",
                   "outcome": "(outcome from, change under)", "copied": "(change under, -)", "copied-text": "(title-and-change under, -)"}[rule], results, base, names)

if __name__ == "__main__":
    main()
