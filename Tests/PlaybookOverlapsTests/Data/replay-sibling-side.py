#!/usr/bin/env python3
"""Asks whether a sibling of a pair's other side (two ideas of one product toward one outcome: a prepaid knife sleeve
and a six-month sharpening reminder, both "more sharpening orders") should push the pair down a text's list. The
committed rule (`DuplicateDetection.siblingCosine`) reads siblings from the text's own side: a rival whose outcome is the
text's own words and whose title and change read under 0.5 to it is no rival. A rewording written by another squad
rephrases the outcome too, so its idea's sibling is no sibling of it by that rule, and crowds it out: "Make sending blades
back effortless" reads 0.39 to the reminder and 0.38 to the sleeve it restates. Here a rival that is the other side's
sibling (the other side's outcome in the same words, the two under `bar` by title and change) counts no more than a
look-alike of the other side does (`apart`): the text restates at most one of them, and the pairs decide.

    PLAYBOOK_DUMP_DUPQ22=1 PLAYBOOK_DUMP_DUPQ25=1 PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-sibling-side.py /tmp/features.json MODEL_DIR [TOKEN_CACHE]

`dupq22` and `dupq25` are measured with the bar the twelve seen sets choose, never chosen on; the blind sets are dropped.
numpy and scipy (through the modules it reuses).
"""
import sys

from replay_modules import module  # noqa: E402

sib = module("sib", "replay-siblings.py")
hub, replay, cm = sib.hub, sib.replay, sib.cm
hub.MEASURED_ONLY = ("dupq22", "dupq25")
sib.MEASURED_ONLY = hub.MEASURED_ONLY


OWN_RULE = ["copied-text", None]


def own(s, bar=0.5):
    """The committed sibling rule as `not_rivals`: the outcome the same words, title and change under `bar` (0.5);
    with `OWN_RULE` another of `replay-siblings.sibling`'s rules (`copied`: the change's own cosine under `bar`;
    `outcome`: the outcomes' cosine from `OWN_RULE[1]`, the change's under `bar`)."""
    rule, a = OWN_RULE
    if rule == "audience":  # the committed rule, and under `bar` when the audience is the same words too
        aud = s.get("audience_words") or []
        return {k for k, p in s["everything"].items() if sib.sibling(s, k[0], k[1], p, "copied-text", 0.5, None)
                or (aud and aud[k[0]] and aud[k[0]] == aud[k[1]] and sib.sibling(s, k[0], k[1], p, "copied-text", bar, None))}
    if rule == "outcome":
        return {k for k, p in s["everything"].items() if sib.sibling(s, k[0], k[1], p, "outcome", a, bar)}
    return {k for k, p in s["everything"].items() if sib.sibling(s, k[0], k[1], p, rule, bar, None)}


def sibling_of(s, y, o, bar):
    """Whether `y` is a sibling of `o`: the outcome the same words, another text, title and change under `bar`."""
    if bar is None or not s["has_fields"] or not s["outcomes"][y] or s["outcomes"][y] != s["outcomes"][o] or s["texts"][y] == s["texts"][o]:
        return False
    q = s["everything"].get((min(y, o), max(y, o)))
    return q is not None and q["cos"] < bar


def grey_extra(states, own_bar, other_bar):
    """The grey band's pairs (`classify-misses.grey`) with siblings left out of each side's closest texts: the side's own
    (under `own_bar`) and the other side's (under `other_bar`); None leaves that kind in."""
    align, t0 = cm.align, None

    def extra(s):
        closest, t = cm.prepare(s), s["texts"]
        out = []
        for (i, j), p in s["pairs"].items():
            if not (p["same_metric"] and p["diff"] == "" and cm.LOW <= p["cos"] < 0.38 and p["audience"] >= cm.AUDIENCE):
                continue
            ok = True
            for x, o in ((i, j), (j, i)):
                near = [(c, y) for c, y in closest[x] if t[y] == t[o] or not (sibling_of(s, y, x, own_bar) or sibling_of(s, y, o, other_bar))]
                if cm.rank(s, {x: near}, x, o) > cm.K:
                    ok = False
                    break
                mine = align.alignment(states, t[x], t[o])
                rivals = [align.alignment(states, t[x], t[y]) for _, y in near[:cm.L] if t[y] != t[o]]
                if mine < cm.BAR or (rivals and mine - max(rivals) <= cm.MARGIN):
                    ok = False
                    break
            if ok:
                out.append((i, j))
        return out
    return extra


def run(s, extra_of, bar, own_bar=0.5):
    outcomes, texts = s["outcomes"], s["texts"]

    def apart_also(r, o):
        if bar is None or not s["has_fields"] or not outcomes[r] or outcomes[r] != outcomes[o] or texts[r] == texts[o]:
            return False
        q = s["everything"].get((min(r, o), max(r, o)))
        return q is not None and q["cos"] < bar
    replay.EXTRA = extra_of(s)
    return replay.run(s, not_rivals=own(s, own_bar), apart_also=apart_also, **sib.align.SETTINGS)


def main():
    loaded = sib.load(sys.argv[1])
    raw = {r["split"]: r for r in __import__("json").load(open(sys.argv[1])) if r["split"] in {s["split"] for s in loaded}}
    for s in loaded:
        s["audience_words"] = [a.strip().lower() for a in raw[s["split"]].get("audiences", [])]
    cache = sys.argv[3] if len(sys.argv) > 3 else "/tmp/playbook-token-states.pkl"
    states = sib.align.token_states(loaded, sys.argv[2], cache)
    names = [s["split"] for s in loaded if s["split"] not in ("example",) + hub.MEASURED_ONLY]

    def extra_of(t):
        return cm.extra_for(states, {t["split"]: cm.prepare(t)})

    base = {s["split"]: run(s, extra_of, None) for s in loaded}
    print(f"committed: {hub.total(base, names)} example {base['example']['strays']}; " +
          ", ".join(f"{n} " + "/".join(str(base[n][k]) for k in hub.KEYS) for n in hub.MEASURED_ONLY if n in base))
    bars = [float(b) for b in sys.argv[4].split(",")] if len(sys.argv) > 4 else [0.5, 0.55, 0.6, 0.65, 0.7]
    # The clear-margin rule (`standClear`) with siblings passed over as the neighbour rule passes over them: the side's
    # own (the committed rule, `own_bar`), and with `other` the other side's too.
    for other in (False, True):
        clear = {}
        for b in bars:
            replay.CLEAR_SKIP = lambda s, x, r, o, b=b: sibling_of(s, r, x, b) or (other and sibling_of(s, r, o, b))
            clear[b] = {s["split"]: run(s, extra_of, None, b) for s in loaded}
        replay.CLEAR_SKIP = None
        hub.report("clear margin: siblings of the side's own" + (" and of the other side" if other else "") +
                   " are no rivals (under; the neighbour rule's own-sibling bar the same)", clear, base, names)
        clear = {}
        for b in bars:
            replay.CLEAR_SKIP = lambda s, x, r, o, b=b: sibling_of(s, r, x, b) or (other and sibling_of(s, r, o, b))
            clear[b] = {s["split"]: run(s, extra_of, None) for s in loaded}
        replay.CLEAR_SKIP = None
        hub.report("clear margin: siblings of the side's own" + (" and of the other side" if other else "") +
                   " are no rivals (under; the neighbour rule as committed)", clear, base, names)
    if len(sys.argv) > 5:  # another own-sibling rule, measured alone: `copied` or `outcome:A`
        rule, _, a = sys.argv[5].partition(":")
        results = {}
        for b in bars:
            OWN_RULE[:] = [rule, float(a) if a else None]
            results[b] = {s["split"]: run(s, extra_of, None, b) for s in loaded}
        OWN_RULE[:] = ["copied-text", None]
        hub.report(f"siblings of the side's own by {sys.argv[5]} (under)", results, base, names)
        return
    results = {b: {s["split"]: run(s, extra_of, b) for s in loaded} for b in bars}
    hub.report("a sibling of the other side is no rival (title and change under)", results, base, names)
    both = {b: {s["split"]: run(s, extra_of, b, b) for s in loaded} for b in bars}
    hub.report("a sibling of either side is no rival (title and change under; the committed rule's bar the same)", both, base, names)
    own_only = {b: {s["split"]: run(s, extra_of, None, b) for s in loaded} for b in bars}
    hub.report("the committed rule's bar alone", own_only, base, names)
    for other in (None, 0.5):
        grey = {}
        for b in bars:
            g = grey_extra(states, b, other if other is None else b)
            grey[b] = {s["split"]: run(s, lambda t: (lambda u: g(u)), None) for s in loaded}
        hub.report("grey band: siblings left out of the ranks and rivals, the side's own" + (" and the other side's" if other else "")
                   + " (under)", grey, base, names)
        grey_both = {}
        for b in bars:
            g = grey_extra(states, b, other if other is None else b)
            grey_both[b] = {s["split"]: run(s, lambda t: (lambda u: g(u)), b if other else None) for s in loaded}
        hub.report("the same, and the neighbour rule's other-side siblings (under)" if other else "the same (the neighbour rule as committed)",
                   grey_both, base, names)


if __name__ == "__main__":
    main()
