#!/usr/bin/env python3
"""Replays the duplicate finder's neighbour rule on features dumped by the Swift tests, to choose
its knobs and cross-validate them by set without rebuilding.

    PLAYBOOK_DUMP_FEATURES=/tmp/features.json swift test --filter testDumpFeatures
    python3 Tests/PlaybookOverlapsTests/Data/replay-neighbour-rule.py /tmp/features.json

The dump (`GrowthPairDiagnostics`) holds, for each labelled set written into one repository as
`GrowthPairQualityTests` writes it, every pair of hypotheses of one metric event (or alike in
words) with its title-and-change cosine, its audience cosine, its word score, shared terms and
what `FieldComparison` says (plain and as look-alikes). This script reimplements what
`DuplicateDetection.pairs`, `nearestByMeaning` and `inheritedDifferences` do with them; with the
committed settings it gives the Swift figures before token alignment (`replay-token-alignment.py` adds it
through `EXTRA`) on all twelve labelled sets exactly. The dump's twelfth set is the
bundled example (`playbooks/`): every pair it calls a duplicate is another pair, and any setting that
calls one is left out of the leave-one-set-out choice. `--all-knobs` chooses every knob leaving one set
out (a few minutes), `--no-margin` without the clear-margin rule. The field rules themselves
are not replayed (they are in the dump), so a change to them needs a new dump. The tie-break between
two look-alikes (a text that denies nothing goes with the look-alike that denies nothing, even against a field
read as look-alikes: `denial_first`; then the look-alike whose own number it states: `quantities`; then the
closer change and audience, on a near tie the look-alike that adds fewer words of its own, the near tie
read on the changes alone between look-alikes told apart by their audiences: `audience_tie`) is replayed
from the dump's `denies` (whether each text denies something) and its counts of terms only one side has; a
duration, time of day or share decides before a field read as look-alikes too, and after the bare numbers
among the tie-break's rules (`measures`, `closer_in_measure`: `StatedMeasures.swift`).
Options of `run` kept to replay what was tried and left out (`classify-misses.py --variants`): `measures="tie"`
(only after the fields), `quantities="first"` (the bare numbers before the fields too), `denial="scoped"` (of
two look-alikes, the one that denies stems the other does not: the dump's `negated`), `denial="change"` and
`"change-axis"` (the denial the direction difference between them names, any word or a direction word only),
`families` (rivals that are look-alikes of each other counted once in the rank; `"restated"` also rivals that
read as restatements of each other from `restated_cos`; `"called"` rivals whose texts `kin_pairs` holds, as the
pairs a first run called duplicates) and `relaxed` (a pair whose audiences read alike, at rank two or three with
one family of rivals closer, taken as the closest). `denial="affirmed"` is the committed rule of `dupq26` in Swift
(`DuplicateDetection.denial`): a denial decides only when the denier's denied words are said by the other
look-alike (the default here); `denial=True` lets every denial decide, as before `dupq26`.
Standard library only.
"""
import json
import re
import sys

# Hooks for `replay-token-alignment.py` (None: the committed rules). EXTRA(s, candidates): more pairs
# (first, second) to call duplicates by meaning, before the fields and the tie-break. TIE(s, x, a, y):
# whether x restates a rather than y (None: undecided), asked before the cosines' tie-break.
EXTRA = None
TIE = None


def load(path):
    sets = []
    for raw in json.load(open(path)):
        pairs = {}
        for r in raw["pairs"]:
            pairs[(r[0], r[1])] = dict(cos=r[2], words=r[3], overlap=r[4], same_metric=r[5], diff=r[6],
                                       audience=r[9], look=r[12], shared=r[13],
                                       only=(r[14], r[15]) if len(r) > 15 else None)
        squads = raw.get("squads", [""] * len(raw["texts"]))
        # Every text of each side's metric, any squad (for `clear`); the pairs compared, of two squads.
        neighbours = [[] for _ in raw["texts"]]
        for (i, j), p in pairs.items():
            if p["same_metric"]:
                neighbours[i].append((p["cos"], j))
                neighbours[j].append((p["cos"], i))
        everything = pairs
        pairs = {k: p for k, p in pairs.items() if not squads[k[0]] or squads[k[0]] != squads[k[1]]}
        sets.append(dict(split=raw["split"], texts=raw["texts"], roles=raw["roles"], pairs=pairs, everything=everything,
                         neighbours=neighbours, denies=raw.get("denies", [False] * len(raw["texts"])),
                         negated=[set(n) for n in raw.get("negated", [[]] * len(raw["texts"]))]))
    return sets


def stands_clear(s, i, j, cos, margin):
    """`DuplicateDetection.standsClear`: no other text of the metric that either side could restate (a
    copy of neither side, not a look-alike of the other side that the fields tell apart) reads within
    `margin` of the pair's cosine to that side."""
    texts, P = s["texts"], s["everything"]
    for x, o in ((i, j), (j, i)):
        for c, r in s["neighbours"][x]:
            if r in (x, o) or texts[r] in (texts[x], texts[o]) or c <= cos - margin:
                continue
            if P[(min(x, r), max(x, r))]["diff"] != "":
                continue
            q = P.get((min(r, o), max(r, o)))
            if q is not None and q["cos"] > max(cos, 0.65) and q["diff"] != "":
                continue
            if CLEAR_SKIP is not None and CLEAR_SKIP(s, x, r, o):  # `replay-sibling-side.py`: a sibling is no rival here either
                continue
            return False
    return True


# None: the committed rule. A function (set, side, rival, other side) -> whether `stands_clear` passes over that rival.
CLEAR_SKIP = None


NUMBER_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                           "fifteen sixteen seventeen eighteen nineteen".split())}
NUMBER_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12}
FRACTIONS = {"half": 50, "third": 33, "quarter": 25, "fifth": 20, "tenth": 10}
AFTER_FRACTION = {"of", "off", "instead", "rather", "over", "", "less", "more", "cheaper"}
COUNTING = {"fortnight": 14, "dozen": 12}


def stated_quantities(text):
    """`DuplicateDetection.statedQuantities`: the numbers a text states (digits, number words, ordinals, a
    fraction after "a" or "one" as a percentage, "fortnight" and "dozen")."""
    toks = re.findall(r"[a-z]+|[0-9][0-9,.]*", text.lower())
    out, k = set(), 0
    while k < len(toks):
        t = toks[k]
        prev, nxt = (toks[k - 1] if k else ""), (toks[k + 1] if k + 1 < len(toks) else "")
        if t[0].isdigit():
            try:
                out.add(float(t.replace(",", "").rstrip(".")))
            except ValueError:
                pass
        elif t in NUMBER_UNITS or t in NUMBER_TENS or t in ("hundred", "thousand"):
            total = current = 0
            while k < len(toks):
                w = toks[k]
                if w in NUMBER_UNITS:
                    current += NUMBER_UNITS[w]
                elif w in NUMBER_TENS:
                    current += NUMBER_TENS[w]
                elif w == "hundred":
                    current = max(current, 1) * 100
                elif w == "thousand":
                    total, current = total + max(current, 1) * 1000, 0
                elif not (w == "and" and k + 1 < len(toks) and (toks[k + 1] in NUMBER_UNITS or toks[k + 1] in NUMBER_TENS)
                          and (total or current >= 100)):
                    break
                k += 1
            out.add(float(total + current))
            continue
        elif t in FRACTIONS and prev in ("a", "one") and nxt in AFTER_FRACTION:
            out.add(float(FRACTIONS[t]))
        elif t in ORDINALS:
            out.add(float(ORDINALS[t]))
        elif t in COUNTING:
            out.add(float(COUNTING[t]))
        k += 1
    return out


def closer_in_quantity(x, a, y):
    """`DuplicateDetection.closerInQuantity`: whether x goes with a rather than y by the numbers only one of them states."""
    only_a, only_y = a - y, y - a
    if not only_a or not only_y:
        return None
    meets_a, meets_y = bool(x & only_a), bool(x & only_y)
    if meets_a != meets_y:
        return meets_a
    # the change stated as its size ("an extra 500 miles"): x's own numbers against each side's gaps
    own = x - a - y
    if not own:
        return None
    gaps_a, gaps_y = gaps(a), gaps(y)
    size_a, size_y = bool(own & (gaps_a - gaps_y)), bool(own & (gaps_y - gaps_a))
    return size_a if size_a != size_y else None


def gaps(numbers):
    """`DuplicateDetection.gaps`: the differences between any two numbers."""
    return {p - q for p in numbers for q in numbers if p > q}


# Measures (`DuplicateDetection.statedMeasures`): a duration in days, a time of day as an interval of the
# clock (hours; one that passes midnight wraps), a share ("a third of what it used to be"), or a bare
# number (kept for the shares and for "from fifteen minutes to five"); each with its role in the change
# ("X instead of Y", "X rather than Y": X new, Y old; "from Y to X": Y old, X new) or None.
DURATION_DAYS = {"minute": 1 / 1440, "minutes": 1 / 1440, "min": 1 / 1440, "mins": 1 / 1440, "hour": 1 / 24, "hours": 1 / 24,
                 "hr": 1 / 24, "hrs": 1 / 24, "day": 1, "days": 1, "night": 1, "nights": 1, "week": 7, "weeks": 7, "fortnight": 14,
                 "fortnights": 14, "month": 30, "months": 30, "quarter": 91, "quarters": 91, "year": 365, "years": 365}
CLOCK = {"morning": (5, 12), "mornings": (5, 12), "breakfast": (6, 10), "lunch": (11.5, 14.5), "lunchtime": (11.5, 14.5),
         "midday": (11.5, 13), "noon": (11.5, 13), "afternoon": (12, 17), "afternoons": (12, 17), "evening": (17, 23),
         "evenings": (17, 23), "dinner": (17, 21), "supper": (17, 21), "night": (20, 5), "nights": (20, 5), "overnight": (20, 6),
         "bedtime": (20, 24), "midnight": (23.5, 0.5), "dawn": (4, 8), "sunrise": (4, 8), "dusk": (16, 21), "sunset": (16, 21)}
SHARE_WORDS = {"half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5, "tenth": 1 / 10}
ONE_OF = {"a", "an", "one", "single"}
FILLERS = {"full", "single", "whole"}
COUNTED_NIGHT = {"a", "an", "per", "each", "every", "one"}


def stated_measures(text):
    """[(kind, value, role)]: kind "duration" (days), "time" ((from, to) hours), "share" or "number"."""
    t = re.findall(r"[a-z]+|[0-9][0-9,.]*", text.lower())
    n, out, k = len(t), [], 0  # out: [kind, value, index, unit]
    while k < n:
        w, start, value = t[k], k, None
        if w in ONE_OF:
            j = k + 1
            while j < n and t[j] in FILLERS:
                j += 1
            if j + 1 < n and t[j] in SHARE_WORDS and t[j + 1] == "of":
                m = j + 2
                if m + 1 < n and t[m] in ("a", "an") and t[m + 1] in DURATION_DAYS and t[m + 1] not in ("night", "nights"):
                    out.append(["duration", SHARE_WORDS[t[j]] * DURATION_DAYS[t[m + 1]], start, None])  # a quarter of an hour
                    k = m + 2
                else:
                    out.append(["share", SHARE_WORDS[t[j]], start, None])  # a third of what it used to be
                    k = j + 2
                continue
            if j < n and t[j] in DURATION_DAYS and t[j] not in ("night", "nights") and (t[j] != "quarter" or j > k + 1):
                out.append(["duration", DURATION_DAYS[t[j]], start, DURATION_DAYS[t[j]]])  # a week, a full quarter
                k = j + 1
                continue
            if w != "one":
                k += 1
                continue
        if w[0].isdigit():
            try:
                value = float(w.replace(",", "").rstrip("."))
            except ValueError:
                value = None
            k += 1
        elif w in NUMBER_UNITS or w in NUMBER_TENS:
            value = 0.0
            while k < n and (t[k] in NUMBER_UNITS or t[k] in NUMBER_TENS):
                value += NUMBER_UNITS.get(t[k], 0) + NUMBER_TENS.get(t[k], 0)
                k += 1
        elif w == "half" and k + 2 < n and t[k + 1] in ("a", "an") and t[k + 2] in DURATION_DAYS:
            out.append(["duration", DURATION_DAYS[t[k + 2]] / 2, start, None])  # half an hour
            k += 3
            continue
        elif w == "fortnight":
            out.append(["duration", 14.0, start, 14.0])
            k += 1
            continue
        elif w in CLOCK and not (w in ("night", "nights") and k > 0 and t[k - 1] in COUNTED_NIGHT):
            out.append(["time", CLOCK[w], start, None])
            k += 1
            continue
        else:
            k += 1
            continue
        if value is None:
            continue
        minutes = 0.0
        if k + 1 < n and t[k][0].isdigit() and t[k + 1] in ("am", "pm"):  # 7:30 pm
            try:
                minutes = float(t[k].replace(",", "").rstrip(".")) / 60
            except ValueError:
                minutes = 0.0
            k += 1
        if k < n and t[k] in ("am", "pm") and 0 < value <= 12:
            hour = value % 12 + (12 if t[k] == "pm" else 0) + minutes
            out.append(["time", (hour, hour + 0.01), start, None])
            k += 1
        elif k + 1 < n and t[k] == "o" and t[k + 1] == "clock" and 0 < value <= 12:
            out.append(["time", (value, value + 0.01), start, None])
            k += 2
        elif k < n and t[k] in DURATION_DAYS:
            out.append(["duration", value * DURATION_DAYS[t[k]], start, DURATION_DAYS[t[k]]])
            k += 1
        else:
            out.append(["number", value, start, None])
    roles = {}
    for m in range(len(out) - 1):
        between = t[out[m][2] + 1:out[m + 1][2]]
        if len(between) <= 6 and any((between[i], between[i + 1]) in (("instead", "of"), ("rather", "than")) for i in range(len(between) - 1)):
            roles[m], roles[m + 1] = "new", "old"
        if len(between) <= 4 and "to" in between and "from" in t[max(0, out[m][2] - 3):out[m][2]]:
            roles[m], roles[m + 1] = "old", "new"
    for m in range(len(out) - 1):  # a bare number paired with a duration takes its unit ("from fifteen minutes to five")
        if m in roles and m + 1 in roles:
            p, q = out[m], out[m + 1]
            if p[0] == "duration" and p[3] and q[0] == "number":
                q[0], q[1] = "duration", q[1] * p[3]
            elif q[0] == "duration" and q[3] and p[0] == "number":
                p[0], p[1] = "duration", p[1] * q[3]
    return [(q[0], q[1], roles.get(m)) for m, q in enumerate(out)]


def same_measure(p, q):
    if p[0] != q[0]:
        return False
    if p[0] == "time":
        def parts(x):
            return [x] if x[0] < x[1] else [(x[0], 24), (0, x[1])]
        return any(a < d and c < b for a, b in parts(p[1]) for c, d in parts(q[1]))
    return abs(p[1] - q[1]) <= 0.1 * max(abs(p[1]), abs(q[1]))


def closer_in_measure(x, a, y):
    """`DuplicateDetection.closerInMeasure`: whether text x goes with a rather than y by the durations, times of day
    and shares they state (None: undecided)."""
    X, A, Y = stated_measures(x), stated_measures(a), stated_measures(y)

    def only(p, q):
        return [m for m in p if not any(same_measure(m, o) for o in q)]

    def meets(p, q):
        return any(same_measure(m, o) for m in p for o in q)

    def decide(mx, ma, my):
        oa, oy = only(ma, my), only(my, ma)
        if not oa or not oy:
            return None
        to_a, to_y = meets(mx, oa), meets(mx, oy)
        return to_a if to_a != to_y else None

    measured = lambda ms, role=None: [m for m in ms if m[0] in ("duration", "time") and (role is None or m[2] == role)]
    decided = decide(measured(X), measured(A), measured(Y))
    if decided is None:  # what x changes to against what each changes to
        decided = decide(measured(X, "new"), measured(A, "new"), measured(Y, "new"))
    if decided is None:  # a share against the ratios of two of each side's numbers of one kind
        def ratios(ms):
            return [("share", p[1] / q[1], None) for p in ms for q in ms
                    if p[0] == q[0] and p[0] in ("duration", "number") and p[1] > 0 and q[1] > 0 and p[1] != q[1]]
        decided = decide([m for m in X if m[0] == "share"], ratios(A), ratios(Y))
    return decided


DIRECTION_STEMS = set("""add show display introduc includ enabl launch more increas rais extend longer larger bigger higher doubl
lengthen expand requir remov hide drop disabl cut reduc fewer less decreas lower shorten shorter smaller trim exclud elimin hidden
earlier sooner later delay postpon defer abov top below bottom""".split())


def label(s, i, j):
    """dup: an idea and its rewording; look: an idea and its look-alike; same: copies of one idea's
    sides; stray: anything else (a false duplicate when called one)."""
    ri, rj = s["roles"][i], s["roles"][j]
    if ri[0] == rj[0] and {ri[2], rj[2]} == {"a", "b"}:
        return "dup"
    if ri[0] == rj[0] and {ri[2], rj[2]} == {"a", "c"}:
        return "look"
    if ri[1] == rj[1] and "c" not in (ri[2], rj[2]):
        return "same"
    return "stray"


def run(s, hub=None, weak=0.38, backing=0.4, firm=0.42, second=0.45, tiebreak="cos+audience", threshold=0.4, listed=16, denial="affirmed",
        near_tie=0.04, margin=0.14, audience_tie=True, denial_first=True, quantities=True, measures="first", families=None, relaxed=None, relaxed_to_first=True, family_cos=0.65, restated_cos=0.6, trace=None,
        not_rivals=None, apart_also=None, kin_pairs=None):
    texts, P, n, denies = s["texts"], s["pairs"], len(s["texts"]), s["denies"]
    # `not_rivals` (None: the committed rule): pairs (first, second) that count as no rival in the neighbour rule's
    # ranks, still callable themselves (`replay-siblings.py`). `apart_also` (None: the committed rule): a function
    # (rival, other side) -> whether that rival counts no more than a look-alike of the other side (`replay-sibling-side.py`).
    not_rivals = not_rivals or set()
    # `hub` (None: the committed rule): an amount per text subtracted from its cosine with any text when the lists of
    # closest texts are ranked (`replay-hubness.py`: a text close to many others ranks lower in each of their lists).
    hub = hub or [0.0] * n
    bars = (weak, second)
    stretch = [(1 - threshold) / (1 - b) for b in bars]
    keep = len(bars)

    def usable(i, j, p):  # the weak-match rule: under `firm`, only with audiences that read alike or standing clear
        return p["cos"] >= bars[0] and (p["cos"] >= firm or p["audience"] >= backing
                                        or (margin is not None and stands_clear(s, i, j, p["cos"], margin)))

    closest = [[] for _ in range(n)]
    for (i, j), p in P.items():
        if p["same_metric"] and usable(i, j, p):
            closest[i].append((p["cos"] - hub[j], j))
            closest[j].append((p["cos"] - hub[i], i))
    for c in closest:
        c.sort(key=lambda x: -x[0])
        del c[listed:]
    rivals, read = [], []
    for i in range(n):
        out = []
        read.append(0)
        for cos, o in closest[i]:
            if len(out) == keep:
                break
            read[-1] += 1
            if texts[o] != texts[i] and all(t != texts[o] for _, t, _o in out) and P[(min(i, o), max(i, o))]["diff"] == "" \
                    and (min(i, o), max(i, o)) not in not_rivals:
                out.append((cos, texts[o], o))
        if len(out) < keep and len(closest[i]) == listed:
            out += [(closest[i][-1][0], "", -1)] * (keep - len(out))
        rivals.append(out)
    candidates = {}
    for k, p in P.items():
        if p["words"] >= threshold:
            candidates[k] = dict(words=p["words"], meaning=1 - (1 - p["cos"]) * stretch[0])
    for (i, j), p in P.items():
        if not (p["same_metric"] and usable(i, j, p)):
            continue
        def apart(r, o):  # a rival that the fields tell apart from the other side (a look-alike of it) does not count
            if r < 0 or texts[r] == texts[o]:
                return False
            if apart_also is not None and apart_also(r, o):  # `replay-sibling-side.py`: nor one of its siblings
                return True
            q = P.get((min(r, o), max(r, o)))
            return q is not None and q["cos"] > max(p["cos"], 0.65) and q["diff"] != ""
        def closer(x, o):
            count, skipped = 0, False
            for c, t, r in rivals[x]:
                if c <= (p["cos"] - hub[o]) + 1e-4:
                    return count
                if t == texts[o]:
                    continue
                if apart(r, o):
                    skipped = True
                else:
                    count += 1
            if not skipped or count >= keep:
                return count
            seen = {t for _, t, _r in rivals[x]}
            for c, r in closest[x][read[x]:]:  # further down the list, as far as the pair's cosine
                if c <= (p["cos"] - hub[o]) + 1e-4 or count >= keep:
                    return count
                if texts[r] == texts[o] or texts[r] in seen or texts[r] == texts[x] or P[(min(x, r), max(x, r))]["diff"] != "" \
                        or (min(x, r), max(x, r)) in not_rivals:
                    continue
                seen.add(texts[r])
                if not apart(r, o):
                    count += 1
            if len(closest[x]) == listed and closest[x][-1][0] > (p["cos"] - hub[o]) + 1e-4:
                return keep
            return count
        def closer_by_family(x, o):
            # rivals that are look-alikes of each other (told apart by a field) count once: x restates at most one
            counted, seen = [], set()
            for c, r in closest[x]:
                if c <= (p["cos"] - hub[o]) + 1e-4 or len(counted) >= keep:
                    break
                if texts[r] == texts[o] or texts[r] in seen or texts[r] == texts[x] or P[(min(x, r), max(x, r))]["diff"] != "":
                    continue
                seen.add(texts[r])
                if apart(r, o):
                    continue
                def kin(u, v):
                    q = P.get((min(u, v), max(u, v)))
                    if families == "called":  # rivals the rules call restatements of each other: one idea
                        return (texts[u], texts[v]) in kin_pairs or (texts[v], texts[u]) in kin_pairs
                    return q is not None and ((q["diff"] != "" and q["cos"] > family_cos) or (families == "restated" and q["diff"] == "" and q["cos"] >= restated_cos))
                if any(kin(r, u) for u in counted):
                    continue
                counted.append(r)
            if len(closest[x]) == listed and closest[x][-1][0] > (p["cos"] - hub[o]) + 1e-4 and len(counted) < keep:
                return keep
            return len(counted)
        if families in ("look", "called", "restated") and relaxed is None:
            rank = 1 + max(closer_by_family(i, j), closer_by_family(j, i))
        else:
            rank = 1 + max(closer(i, j), closer(j, i))
        if trace is not None:
            trace.setdefault("rank", {})[(i, j)] = rank
        at = rank
        if relaxed is not None and rank > 1 and p["audience"] >= relaxed:
            fam = 1 + max(closer_by_family(i, j), closer_by_family(j, i))
            if fam <= 2:
                at = 1 if relaxed_to_first else min(rank, fam)  # the rivals one family of look-alikes, the audiences alike
        if at <= keep:
            candidates[(i, j)] = dict(words=p["words"], meaning=1 - (1 - p["cos"]) * stretch[at - 1])
    if EXTRA is not None:
        for k in EXTRA(s):
            if k not in candidates or max(candidates[k]["words"], candidates[k]["meaning"]) < threshold:
                candidates[k] = dict(words=P[k]["words"], meaning=threshold)
    for c in candidates.values():
        c["score"] = min(1, max(c["words"], c["meaning"]))
        c["by_meaning"] = c["meaning"] > c["words"]
    fields = {k: P[k]["diff"] for k, c in candidates.items() if c["score"] >= threshold}

    # inheritedDifferences
    key = lambda x, y: (min(x, y), max(x, y))
    restatements = {}
    for k, d in fields.items():
        if d == "":
            restatements.setdefault(k[0], []).append(k[1])
            restatements.setdefault(k[1], []).append(k[0])

    def recompared(k, apart):
        # compared again as look-alikes, on the fields that tell the two look-alikes apart only
        kinds = {d.split(" ")[0] for d in apart.split("; ") if d}
        look = "; ".join(d for d in P[k]["look"].split("; ") if d and d.split(" ")[0] in kinds)
        return fields[k] if look == "" else look

    def reads_closer(x, a, y):
        pa, py = P[key(x, a)], P[key(x, y)]
        if tiebreak == "shared":
            return None if pa["shared"] == py["shared"] else pa["shared"] > py["shared"]
        if tiebreak == "cos":
            return None if pa["cos"] == py["cos"] else pa["cos"] > py["cos"]
        first, second_ = pa["cos"] + pa["audience"], py["cos"] + py["audience"]
        # a near tie goes with the look-alike that adds fewer words of its own; between look-alikes told
        # apart by their audiences, a near tie of the changes alone (`audience_tie`)
        apart_by_audience = "audience" in {d.split(" ")[0] for d in P[key(a, y)]["diff"].split("; ") if d}
        gap = abs(pa["cos"] - py["cos"]) if audience_tie and apart_by_audience else abs(first - second_)
        only = P[key(a, y)]["only"]
        if gap < near_tie and only is not None and only[0] != only[1]:
            return (only[0] < only[1]) if a < y else (only[1] < only[0])
        return None if first == second_ else first > second_

    out = {}
    for k in sorted(fields):
        if fields[k] != "" or not candidates[k]["by_meaning"]:
            continue
        for x, y in (k, k[::-1]):
            for a in restatements.get(x, []):
                if a == y or texts[a] == texts[y] or not fields.get(key(a, y)) or key(a, x) not in candidates or key(a, x) not in fields:
                    continue
                rival, mine = recompared(key(a, x), fields[key(a, y)]), recompared(k, fields[key(a, y)])
                denied = denial and denies[a] != denies[y] and not denies[x]
                denier = None
                if denial in ("change", "change-axis") and not denied:
                    # the direction that tells a from y apart is a denial on one side ("not includ / includ"), and x
                    # does not deny that word
                    for d in P[key(a, y)]["diff"].split("; "):
                        m = re.fullmatch(r"direction \((.*) / (.*)\)", d)
                        if m:
                            left, right = m.group(1), m.group(2)
                            if left.startswith("not ") != right.startswith("not "):
                                word = (left if left.startswith("not ") else right)[4:]
                                side = min(a, y) if left.startswith("not ") else max(a, y)
                                if word not in s["negated"][x] and (denial != "change-axis" or word in DIRECTION_STEMS):
                                    denier = side
                            break
                    denied = denier is not None
                if denial == "affirmed" and denied:
                    # the denier's denied words stated, undenied, by the other look-alike ("do not offer X" against
                    # "offer X"), not a denied detail the other drops ("without signing up" against "once they finish")
                    d, o = (a, y) if denies[a] else (y, a)
                    said = set(re.findall(r"[a-z]+", texts[o].lower()))
                    denied = any(any(w.startswith(st) for w in said) for st in s["negated"][d] - s["negated"][o])
                if denial == "scoped":
                    # what one look-alike denies and the other does not; x denying none of it
                    na, ny, nx = s["negated"][a], s["negated"][y], s["negated"][x]
                    extra_a, extra_y = na - ny, ny - na
                    denied = bool(extra_a) != bool(extra_y) and not (nx & (extra_a | extra_y))
                if denial_first and denied and bool(mine) != bool(rival):
                    # the denial decides before a field read as look-alikes
                    rival = mine = ""
                by_measure = closer_in_measure(texts[x], texts[a], texts[y]) if measures else None
                if measures == "first" and not denied and by_measure is not None and bool(mine) != bool(rival):
                    rival = mine = ""
                if quantities == "first" and not denied and bool(mine) != bool(rival) and closer_in_quantity(
                        stated_quantities(texts[x]), stated_quantities(texts[a]), stated_quantities(texts[y])) is not None:
                    rival = mine = ""
                if mine and not rival:
                    out[k] = mine
                    if trace is not None:
                        trace.setdefault("lost", {})[k] = (x, a, y, "field")
                elif rival and not mine:
                    out[key(a, x)] = rival
                    if trace is not None:
                        trace.setdefault("lost", {})[key(a, x)] = (x, x, a, "rival's field")
                else:
                    closer = None
                    # of two look-alikes of which one denies something, a text that denies nothing
                    # restates the one that denies nothing
                    if denied:
                        closer = (denier != a) if denier is not None else not (s["negated"][a] - s["negated"][y]) if denial == "scoped" else not denies[a]
                    if closer is None and quantities:
                        closer = closer_in_quantity(stated_quantities(texts[x]), stated_quantities(texts[a]), stated_quantities(texts[y]))
                    if closer is None:
                        closer = by_measure
                    if closer is None and TIE is not None:
                        closer = TIE(s, x, a, y)
                    if closer is None:
                        closer = reads_closer(x, a, y)
                    if closer is None:
                        closer = candidates[key(a, x)]["score"] >= candidates[k]["score"]
                    if closer:
                        out[k] = mine or "lost"
                        if trace is not None:
                            trace.setdefault("lost", {})[k] = (x, a, y, "field" if mine else "denial" if denied else "tie")
    if trace is not None:
        trace["candidates"], trace["fields"], trace["out"] = candidates, dict(fields), dict(out)
    fields.update(out)
    called = [k for k, d in fields.items() if d == ""]
    counts = {"dup": 0, "look": 0, "stray": 0}
    for k in called:
        kind = label(s, *k)
        if kind in counts:
            counts[kind] += 1
    duplicates = sum(1 for r in s["roles"] if r[2] == "b")
    return dict(found=counts["dup"], duplicates=duplicates, flagged=counts["look"], strays=counts["stray"], called=set(called))


def f1(results, strays=False):
    found = sum(r["found"] for r in results)
    called = found + sum(r["flagged"] for r in results) + (sum(r["strays"] for r in results) if strays else 0)
    precision = found / called if called else 1
    recall = found / sum(r["duplicates"] for r in results)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0


def leave_one_out(sets, grid, prefer, title):
    """Each set measured with the knobs of `grid` that score best (F1 over the labelled pairs) on the
    other sets, ties broken by `prefer`; grid points that flag a pair of the bundled example are left out."""
    labelled = [s for s in sets if s["split"] != "example"]
    example = [s for s in sets if s["split"] == "example"]
    grid = [g for g in grid if all(run(s, **g)["strays"] == 0 for s in example)]
    names = [s["split"] for s in labelled]
    results = {i: {s["split"]: run(s, **g) for s in labelled} for i, g in enumerate(grid)}
    print(title)
    total = dict(found=0, duplicates=0, flagged=0, strays=0)
    for held in names:
        best = max(results, key=lambda i: (f1([results[i][n] for n in names if n != held]), prefer(grid[i])))
        r = results[best][held]
        print(f"  {held:9s} {grid[best]}: {r['found']}/{r['duplicates']} found, {r['flagged']} flagged, {r['strays']} other pairs")
        for k in total:
            total[k] += r[k]
    print(f"  all: {total['found']}/{total['duplicates']} found, {total['flagged']} flagged, {total['strays']} other pairs")


def main():
    sets = load(sys.argv[1])
    settings = {"weak": 0.38, "backing": 0.4, "second": 0.45, "tiebreak": "cos+audience", "near_tie": 0.04, "margin": 0.14,
                "audience_tie": True}
    for title, chosen in (("committed settings", settings), ("without the clear-margin rule", dict(settings, margin=None))):
        print(title, chosen)
        total = dict(found=0, duplicates=0, flagged=0, strays=0)
        for s in sets:
            r = run(s, **chosen)
            print(f"  {s['split']:9s} {r['found']}/{r['duplicates']} found, {r['flagged']} flagged, {r['strays']} other pairs")
            if s["split"] != "example":  # the bundled example: every pair called a duplicate is another pair
                for k in total:
                    total[k] += r[k]
        print(f"  all labelled: {total['found']}/{total['duplicates']} found, {total['flagged']} flagged, {total['strays']} other pairs")
    # The clear-margin rule's knob, the others as committed; on a tie the larger margin (None: the rule off).
    margins = [None, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3]
    leave_one_out(sets, [dict(settings, margin=m) for m in margins], lambda g: g["margin"] or 1,
                  "leave one set out, the margin only:")
    grid = [dict(weak=w, backing=b, second=sec, tiebreak=t, near_tie=e, margin=settings["margin"])
            for w in (0.36, 0.38, 0.40, 0.42) for b in (0.35, 0.4, 0.45, 0.5) for sec in (0.45, 0.48, 0.5)
            for t in ("shared", "cos", "cos+audience") for e in (0, 0.02, 0.04, 0.06)
            if not (w == 0.42 and b != 0.4)]
    if "--no-margin" in sys.argv:
        grid = [dict(g, margin=None) for g in grid]
    if "--all-knobs" in sys.argv:
        leave_one_out(sets, grid, lambda g: (-g["second"], g["weak"]), "leave one set out, all knobs (margin as committed):")


if __name__ == "__main__":
    main()
