#!/usr/bin/env python3
"""Generates a growth playbook of a chosen shape (see SHAPES) for lint benchmarks.

usage: scripts/bench-lint-shapes-generate.py SHAPE EXPERIMENTS DIR

Written from the repository format (README, the bundled playbooks/) alone, not from the
other benchmark generators, so that it does not share their assumptions. Deterministic:
the same arguments give the same bytes.
"""
import os
import random
import sys

# Each shape varies what drives lint's cost; everything scales with the number of
# experiments except what the shape holds fixed (`fixed_surfaces`).
SHAPES = {
    # Many squads and surfaces, mid-depth paths, 1 KB files, few near-duplicates.
    "spread": dict(squads=60, metrics=40, surfaces=900, depth=(2, 4), zipf=0.6,
                   exp_per_hyp=1.25, live=0.25, excl=0.3, long_text=False,
                   templated=0.1, fixed_surfaces=False),
    # A popular checkout: few deep surfaces (checkout/payment/apple-pay), crowded with
    # overlapping live experiments, most of them in exclusion groups.
    "hot-checkout": dict(squads=30, metrics=20, surfaces=40, depth=(3, 5), zipf=1.3,
                         exp_per_hyp=1.25, live=0.3, excl=0.8, long_text=False,
                         templated=0.1, fixed_surfaces=True),
    # Long files (1-3 KB: rationale, learnings, notes, comments) and 3 metrics only.
    "long-text-3-metrics": dict(squads=25, metrics=3, surfaces=300, depth=(2, 3), zipf=0.8,
                                exp_per_hyp=1.25, live=0.2, excl=0.4, long_text=True,
                                templated=0.2, fixed_surfaces=False),
    # Like spread, but each change names two page elements from a five times wider catalog
    # (adjective + element), as a company with many products would write.
    "spread-wide-wording": dict(squads=60, metrics=40, surfaces=900, depth=(2, 4), zipf=0.6,
                                exp_per_hyp=1.25, live=0.25, excl=0.3, long_text=False,
                                templated=0.1, fixed_surfaces=False, wide=True),
    # Templated writing across squads: most hypotheses from a few templates, several
    # experiments per hypothesis, flat surfaces, many squads and metrics.
    "templated": dict(squads=120, metrics=80, surfaces=600, depth=(1, 2), zipf=0.9,
                      exp_per_hyp=3.0, live=0.25, excl=0.3, long_text=False,
                      templated=0.85, fixed_surfaces=False),
}

AREAS = {
    "checkout": ["payment", "apple-pay", "google-pay", "card-form", "summary", "coupon", "address", "confirm"],
    "pricing": ["plan-picker", "annual-toggle", "comparison-table", "faq", "student-offer"],
    "billing": ["cancel-flow", "invoice", "upgrade", "downgrade", "retry"],
    "onboarding": ["welcome", "goal-picker", "level-test", "notifications", "first-lesson"],
    "paywall": ["trial-offer", "hard-wall", "soft-wall", "countdown"],
    "home": ["feed", "streak-card", "recommendations", "banner"],
    "lesson": ["player", "quiz", "speaking", "review", "end-screen"],
    "search": ["results", "filters", "empty-state"],
    "referral": ["invite-sheet", "reward-banner", "share-card"],
    "profile": ["settings", "achievements", "friends"],
    "store": ["listing", "screenshots", "ratings-prompt"],
    "email": ["winback", "digest", "trial-ending", "welcome-series"],
}
VARIANTS_DEEP = ["button", "copy", "layout", "badge", "modal", "tooltip", "step-2", "mobile", "desktop"]
MARKETS = ["de", "fr", "it", "es", "pt-br", "mx", "us", "ca", "uk", "jp", "kr", "in", "tr", "pl", "nl", "se"]
PLATFORMS = ["web", "ios", "android"]
REGIONS = ["na", "emea", "latam", "apac"]
SEGMENTS = ["new visitors", "returning learners", "trial users", "paying subscribers",
            "lapsed subscribers", "students", "Teams admins", "free learners past day 7",
            "learners who started checkout", "users who opened the paywall"]
STAGES = ["acquisition", "activation", "retention", "referral", "revenue"]
UNITS = ["percent", "count", "currency", "ratio", "duration"]
FIRST = ["Amara", "Lukas", "Nadia", "Olivia", "Sami", "Fatima", "Kenji", "Priya", "Diego", "Ruth",
         "Samuel", "Ingrid", "Tomasz", "Mei", "Jonas", "Aisha", "Carlos", "Hana", "Yusuf", "Elena"]
LAST = ["Okafor", "Steiner", "Petrova", "Grant", "Virtanen", "Haddad", "Tanaka", "Raman", "Alvarez",
        "Adler", "Osei", "Berg", "Nowak", "Chen", "Weber", "Diallo", "Mendes", "Sato", "Demir", "Rossi"]
ROLES = ["Product manager", "Engineer", "Designer", "Analyst", "Data scientist", "Marketer"]

CHANGES = ["showing the price per month instead of per year", "moving the coupon field below the total",
           "adding Apple Pay as the first payment option", "cutting the signup form to email only",
           "sending a streak reminder at the learner's usual lesson time",
           "offering a seven-day trial instead of three days", "adding a progress bar to the level test",
           "showing ratings from learners in the same country", "letting learners pick a daily goal",
           "replacing the stock photo with a lesson preview video", "localising the plan names",
           "highlighting the annual plan with a savings badge", "asking for notification permission after the first lesson",
           "showing a friend leaderboard on the home feed", "giving both sides a free week for a referral",
           "pre-filling the billing address from the card", "retrying failed renewals on payday",
           "offering a pause before cancellation", "adding a student discount behind email verification",
           "showing a summary of what the learner will lose when cancelling"]
OUTCOMES = ["raise {m} by around {l}%", "lift {m} by {l}% within four weeks", "move {m} by {l}% in the test regions",
            "increase {m} by {l}% without hurting refunds"]
REASONS = ["interviews showed that learners abandon when the yearly total looks large",
           "session recordings show hesitation at this step on small screens",
           "the same change won in the Teams product last quarter",
           "support tickets name this step as confusing more than any other",
           "competitors in the region already do this and our survey respondents expect it",
           "funnel data shows a 40% drop between these two screens",
           "learners who set a goal in week one retain twice as well",
           "payment providers report higher authorisation rates for wallets"]
FILLER = ["We saw the pattern in three markets before writing this down.",
          "The council asked for a guardrail on refunds and on support contacts.",
          "Design reviewed the copy with the localisation team in Lisbon.",
          "Engineering estimates two sprints including the analytics events.",
          "Earlier tests on this page were underpowered, so the sample size is larger this time.",
          "We will read the result per platform before deciding to ship.",
          "Finance wants the revenue impact stated net of VAT.",
          "The previous winner on this surface is still live, so the control includes it.",
          "Legal confirmed that the wording meets the consumer rules in the EU.",
          "A holdout of five percent stays out of every change on this page this quarter."]
VERBS = ["showing", "hiding", "moving", "shortening", "simplifying", "personalising", "localising",
         "animating", "reordering", "highlighting", "pre-filling", "delaying", "grouping", "splitting",
         "testing", "removing", "adding", "enlarging", "rewording", "bundling", "pinning", "badging"]
OBJECTS = ["the plan picker", "the coupon field", "the trial banner", "the streak counter", "the goal screen",
           "the level test", "the invite sheet", "the lesson preview", "the price anchor", "the refund note",
           "the cancel button", "the wallet buttons", "the card form", "the review queue", "the daily reminder",
           "the leaderboard", "the achievement toast", "the store screenshots", "the pricing table",
           "the student offer", "the onboarding carousel", "the push prompt", "the email digest",
           "the winback email", "the paywall headline", "the progress ring", "the speaking exercise",
           "the quiz feedback", "the search filters", "the empty state", "the friend list", "the settings menu",
           "the renewal notice", "the tax line", "the family plan", "the gift card", "the annual savings",
           "the money-back line", "the testimonial strip", "the trust badges", "the delivery estimate",
           "the order summary", "the address form", "the login wall", "the referral reward", "the XP bar"]
QUALIFIERS = ["on small screens", "for first-time payers", "after the second lesson", "in the evening",
              "before the trial ends", "on the confirmation step", "in right-to-left languages",
              "with a countdown", "with local prices", "with a short video", "above the fold", "in dark mode",
              "for returning visitors", "with social proof", "in the first week", "on tablets", "for students",
              "with a one-line summary", "in the native currency", "with fewer fields", "with an illustration",
              "next to the total", "at the top of the feed", "as a bottom sheet", "in the app and on the web"]


ADJECTIVES = ["annual", "monthly", "family", "student", "business", "gift", "promo", "loyalty", "bonus",
              "weekly", "holiday", "starter", "premium", "legacy", "regional", "beta", "partner", "kids",
              "travel", "exam", "grammar", "vocabulary", "podcast", "story", "live-class", "tutor"]
NOUNS = ["banner", "sheet", "toggle", "badge", "carousel", "counter", "card", "modal", "list", "strip",
         "timer", "chart", "checklist", "tooltip", "menu", "tab", "stepper", "receipt", "calendar", "tile",
         "widget", "footer", "header", "chip", "slider", "avatar", "inbox", "map", "quiz", "playlist"]


def change_text(rng, wide=False):
    if wide:
        return (f"{rng.choice(VERBS)} the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} next to the "
                f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(QUALIFIERS)}")
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"


TEMPLATES = ["we believe that {c} for {a} will {o} because {r}",
             "if we go with {c}, {a} will {o}, since {r}"]


def exp_title(rng, change, surface):
    """An experiment's title: its hypothesis's change, often narrowed to one variant or market."""
    extra = rng.choice(["", "", f" ({rng.choice(MARKETS).upper()})", " v2", f" on {surface.split('/')[-1]}",
                        f" {rng.choice(QUALIFIERS)}"])
    return (change + extra)[:1].upper() + (change + extra)[1:]


def words(rng, n):
    return " ".join(rng.choice(FILLER) for _ in range(n))


def folded(text, indent):
    """A folded block scalar, wrapped near 80 columns."""
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > 76 - indent:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    pad = " " * indent
    return ">-\n" + "\n".join(pad + l for l in out)


def zipf_weights(n, s):
    return [1.0 / (i + 1) ** s for i in range(n)]


def make_surfaces(rng, count, depth, first=()):
    seen, out = set(first), list(first)
    areas = list(AREAS)
    while len(out) < count:
        plat = rng.choice(["web", "app", "ios", "android", "email", "store"])
        area = rng.choice(areas)
        parts = [plat, area]
        d = rng.randint(*depth)
        if d == 1:
            parts = [f"{plat}-{area}-{rng.choice(AREAS[area])}"]
        else:
            while len(parts) < d:
                pool = AREAS[area] if len(parts) == 2 else VARIANTS_DEEP
                parts.append(rng.choice(pool))
        s = "/".join(parts)
        k = 0
        while s in seen:  # another market's copy of the same page
            k += 1
            s = "/".join(parts) + "/" + MARKETS[k % len(MARKETS)] + ("" if k < len(MARKETS) else f"-{k // len(MARKETS)}")
        seen.add(s)
        out.append(s)
    return out


def day(y, doy):
    import datetime
    return (datetime.date(y, 1, 1) + datetime.timedelta(days=doy)).isoformat()


def shift(iso, days):
    import datetime
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def generate(shape, n_exp, root):
    p = SHAPES[shape]
    rng = random.Random(f"{shape}-{n_exp}")
    scale = n_exp / 8000
    n_squads = max(3, round(p["squads"] * scale))
    n_metrics = max(3, round(p["metrics"] * (scale if p["metrics"] > 3 else 1)))
    n_surf = p["surfaces"] if p["fixed_surfaces"] else max(5, round(p["surfaces"] * scale))
    n_hyp = max(1, round(n_exp / p["exp_per_hyp"]))
    pb = os.path.join(root, "playbooks")
    for sub in ("squads", "okrs", "hypotheses", "experiments"):
        os.makedirs(os.path.join(pb, sub), exist_ok=True)

    squads = [f"{STAGES[i % 5][:3]}-{['na', 'emea', 'latam', 'apac', 'global'][i // 5 % 5]}-{i}" for i in range(n_squads)]
    metric_ids = [f"metric-{i}" for i in range(n_metrics)]
    metric_unit = {m: ("count" if i == 0 else UNITS[i % 5]) for i, m in enumerate(metric_ids)}
    owned = {s: [] for s in squads}
    with open(os.path.join(pb, "metrics.yml"), "w") as f:
        docs = []
        for i, m in enumerate(metric_ids):
            owner = squads[i % n_squads]
            owned[owner].append(m)
            d = (f"kind: Metric\nid: {m}\nname: Metric number {i}\n"
                 f"description: {folded('Share of learners who ' + rng.choice(REASONS) + '. ' + words(rng, 1), 2)}\n"
                 f"event: {rng.choice(['lesson', 'user', 'checkout', 'trial', 'referral'])}.{['started', 'completed', 'paid', 'sent', 'viewed'][i % 5]}{'_' + str(i // 25) if i >= 25 else ''}\nunit: {metric_unit[m]}\n"
                 f"direction: {'decrease' if metric_unit[m] == 'duration' else 'increase'}\nowner: {owner}\n")
            if i == 0:
                d += "north_star: true\n"
            docs.append(d)
        f.write("---\n".join(docs))
    for i, s in enumerate(squads):
        mine = owned[s] or [metric_ids[i % n_metrics]]
        owned[s] = mine
        members = "".join(f"  - name: {rng.choice(FIRST)} {rng.choice(LAST)}\n    role: {rng.choice(ROLES)}\n" for _ in range(rng.randint(3, 7)))
        with open(os.path.join(pb, "squads", f"{s}.yml"), "w") as f:
            f.write(f"kind: Squad\nid: {s}\nname: Squad {i}\nmission: {folded(words(rng, 2), 2)}\n"
                    f"funnel_stage: {STAGES[i % 5]}\nregion: {REGIONS[i % 4]}\nmembers:\n{members}"
                    f"champion: {members.split(chr(10))[0][len('  - name: '):]}\n"
                    f"budget:\n  quarterly: {rng.choice([20000, 35000, 50000, 80000])}\n  currency: EUR\n"
                    f"metrics:\n" + "".join(f"  - {m}\n" for m in mine))
    quarters = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    krs = {s: [] for s in squads}
    for q in quarters:
        os.makedirs(os.path.join(pb, "okrs", q), exist_ok=True)
        for i, s in enumerate(squads):
            for o in range(1, 3):
                oid = f"OKR-{q.replace('-', '')}-{i}-{o}"
                body = ""
                for k in range(1, rng.randint(2, 4) + 1):
                    m = rng.choice(owned[s] + metric_ids[:1])
                    base = rng.randint(10, 60)
                    body += (f"  - id: KR-{k}\n    title: Move {m} from {base} to {base + 5}\n"
                             f"    metric: {m}\n    baseline: {base}\n    target: {base + 5 if metric_unit[m] != 'duration' else base - 5}\n"
                             f"    current: {base + rng.randint(0, 5)}\n")
                    krs[s].append(f"{oid}/KR-{k}")
                with open(os.path.join(pb, "okrs", q, f"{s}-{o}.yml"), "w") as f:
                    f.write(f"kind: Objective\nid: {oid}\nsquad: {s}\nquarter: {q}\n"
                            f"title: Grow {rng.choice(owned[s])} in {q}\naligns_to: {metric_ids[0]}\n"
                            f"key_results:\n{body}")

    # The busiest surfaces come first (Zipf weights): a crowded checkout when the shape says so.
    first = ["web/checkout/payment/apple-pay", "web/checkout/payment", "ios/checkout/payment/apple-pay",
             "web/pricing/plan-picker"] if p["fixed_surfaces"] else []
    surfaces = make_surfaces(rng, n_surf, p["depth"], first)
    surf_w = zipf_weights(n_surf, p["zipf"])
    # A hypothesis template's slots: a templated hypothesis reuses a base idea with small edits.
    bases = [(change_text(rng, p.get("wide", False)), rng.choice(SEGMENTS), rng.choice(REASONS)) for _ in range(max(40, n_hyp // 50))]
    hyp_squad, hyp_metric, hyp_change = [], [], []
    for h in range(1, n_hyp + 1):
        s = rng.choice(squads)
        m = rng.choice(owned[s])
        hyp_squad.append(s)
        hyp_metric.append(m)
        lift = rng.choice([2, 3, 4, 5, 6, 8, 10])
        if rng.random() < p["templated"]:
            c, a, r = rng.choice(bases)
            c = c + rng.choice(["", " on mobile", " in the EU", " for a month", ""])
        else:
            c = change_text(rng, p.get("wide", False)) if rng.random() < 0.8 else f"{rng.choice(CHANGES)} {rng.choice(QUALIFIERS)}"
            a = f"{rng.choice(SEGMENTS)} in {rng.choice(REGIONS).upper()}"
            r = f"{rng.choice(REASONS)}; {rng.choice(REASONS)}"
        hyp_change.append(c)
        o = rng.choice(OUTCOMES).format(m=m.replace("-", " "), l=lift)
        if p["long_text"]:
            r = r + ". " + words(rng, rng.randint(3, 8))
        comment = f"# {words(rng, 1)}\n" if p["long_text"] else ""
        ice = f"{{impact: {rng.randint(1, 10)}, confidence: {rng.randint(1, 10)}, ease: {rng.randint(1, 10)}}}"
        status = rng.choices(["backlog", "testing", "validated", "invalidated", "parked"], [3, 3, 2, 2, 1])[0]
        text = (f"{comment}kind: Hypothesis\nid: HYP-{h:05d}\nsquad: {s}\n"
                f"title: {TEMPLATES[h % 2].format(c=c, a=a, o=o, r=r.split(';')[0].split('.')[0])[:90].rsplit(' ', 1)[0].capitalize()}\n"
                f"statement:\n  change: {folded(c, 4)}\n  audience: {a}\n  outcome: {o}\n  rationale: {folded(r, 4)}\n"
                f"metric: {m}\nexpected_lift: {lift / 100}\nice: {ice}\nstatus: {status}\n"
                f"key_result: {rng.choice(krs[s])}\n")
        with open(os.path.join(pb, "hypotheses", f"HYP-{h:05d}.yml"), "w") as f:
            f.write(text)

    groups = max(1, round(n_surf / 3))
    for e in range(1, n_exp + 1):
        h = rng.randint(1, n_hyp)
        s, m = hyp_squad[h - 1], hyp_metric[h - 1]
        si = rng.choices(range(n_surf), surf_w)[0]
        surf = surfaces[si]
        r = rng.random()
        live = p["live"]
        if r < live * 0.65:
            status = "running"
        elif r < live * 0.75:
            status = "paused"
        elif r < live:
            status = "ready"
        else:
            status = rng.choices(["draft", "analyzing", "concluded", "abandoned"], [1, 1, 6, 1])[0]
        dur = rng.choice([14, 21, 28, 42])
        if status in ("running", "paused"):
            start = shift("2026-10-15", -rng.randint(1, 50))
        elif status in ("ready", "draft"):
            start = shift("2026-10-15", rng.randint(1, 60))
        else:
            start = day(rng.choice([2025, 2026]), rng.randint(0, 250))
        end = shift(start, dur)
        aud = f"  segment: {rng.choice(SEGMENTS)}\n" if rng.random() < 0.8 else ""
        if rng.random() < 0.7:
            aud += f"  regions: [{', '.join(sorted(rng.sample(REGIONS, rng.randint(1, 3))))}]\n"
        if rng.random() < 0.7:
            aud += f"  platforms: [{', '.join(sorted(rng.sample(PLATFORMS, rng.randint(1, 2))))}]\n"
        text = f"# {words(rng, 1)}\n" if p["long_text"] else ""
        guards = rng.sample(metric_ids, min(len(metric_ids), rng.randint(1, 2)))
        text += (f"kind: Experiment\nid: EXP-{e:05d}\nsquad: {s}\n"
                 f"title: {exp_title(rng, hyp_change[h - 1], surf)}\nhypothesis: HYP-{h:05d}\n"
                 f"status: {status}\nkey_result: {rng.choice(krs[s])}\n"
                 f"metrics:\n  primary: {m}\n  guardrails: [{', '.join(guards)}]\nsurface: {surf}\n")
        if aud:
            text += "audience:\n" + aud
        if rng.random() < p["excl"]:
            text += f"exclusion_group: {surfaces[si].split('/')[-1]}-{si % groups}-{rng.randint(0, 2)}\n"
        split = rng.choice([(50, 50), (34, 33, 33), (90, 10)])
        text += "variants:\n" + "".join(f"  - id: v{i}\n    allocation: {a}\n" for i, a in enumerate(split))
        if status != "draft" or rng.random() < 0.5:
            text += (f"design:\n  mde: 0.0{rng.randint(2, 9)}\n  power: 0.8\n  alpha: 0.05\n"
                     f"  sample_size: {rng.randint(5, 200) * 1000}\n  duration_days: {dur}\n")
        text += f"start: {start}\nend: {end}\nbudget: {rng.choice([0, 500, 1000, 2000, 4000])}\n"
        if status == "concluded":
            learn = f"{rng.choice(REASONS).capitalize()}. {words(rng, rng.randint(4, 10) if p['long_text'] else 1)}"
            text += (f"result:\n  outcome: {rng.choice(['win', 'loss', 'flat', 'inconclusive'])}\n"
                     f"  lift: 0.0{rng.randint(1, 9)}\n  p_value: 0.0{rng.randint(1, 9)}\n"
                     f"  decision: {rng.choice(['ship', 'iterate', 'kill'])}\n  learnings: {folded(learn, 4)}\n")
        text += (f"approvals:\n  - by: {rng.choice(FIRST)} {rng.choice(LAST)}\n    role: Head of Experimentation\n"
                 f"    date: {shift(start, -3)}\n    note: {folded(words(rng, rng.randint(2, 5) if p['long_text'] else 1), 6)}\n")
        with open(os.path.join(pb, "experiments", f"EXP-{e:05d}.yml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(SHAPES)}}} EXPERIMENTS DIR")
    generate(sys.argv[1], int(sys.argv[2]), sys.argv[3])
