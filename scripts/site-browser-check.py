#!/usr/bin/env python3
"""Builds `playbook site` for a scratch repository with hostile strings and checks it in headless
Chromium from file:// (run by scripts/test-site-browser, which installs what this needs)."""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

HOSTILE = "<img src=x onerror=alert(1)> \u202eevil"
# One word longer than any screen (a pasted token, a URL without breaks; in a title, a learning, a
# reviewer's name shown in a "reviewed by" badge): it must wrap, not widen the page.
UNBROKEN = "W" * 4000

FILES = {
    "playbooks/metrics.yml": """kind: Metric
id: weekly-active-learners
name: Weekly active learners
unit: count
direction: increase
owner: growth
north_star: true
---
kind: Metric
id: signup-rate
name: Signup rate
unit: percent
direction: increase
owner: growth
""",
    "playbooks/squads/growth.yml": """kind: Squad
id: growth
name: Growth
mission: Get more learners to their first lesson.
funnel_stage: activation
region: emea
members:
  - {name: Ana Ruiz, role: product manager}
  - {name: Bo Chen, role: engineer}
champion: Ana Ruiz
budget: {quarterly: 5000, currency: EUR}
metrics: [signup-rate]
""",
    "playbooks/okrs/growth.yml": """kind: Objective
id: OKR-2026Q4-GRO-1
squad: growth
quarter: 2026-Q4
title: More signups that turn into learners
aligns_to: weekly-active-learners
key_results:
  - id: KR-1
    title: Signup rate from 10% to 14%
    metric: signup-rate
    baseline: 10
    target: 14
    current: {current}
  - id: KR-2
    title: 2M weekly active learners {unbroken}
    metric: weekly-active-learners
    baseline: 1800000
    target: 2000000
    current: {wal}
""",
    "playbooks/hypotheses/HYP-0001.yml": """kind: Hypothesis
id: HYP-0001
squad: growth
title: "{hostile}"
statement:
  change: a shorter signup form
  audience: new visitors on the web
  outcome: lift signup rate by 10%
  rationale: every field costs attention
metric: signup-rate
expected_lift: 0.1
ice: {{impact: 7, confidence: 6, ease: 8}}
status: {hstatus}
key_result: OKR-2026Q4-GRO-1/KR-1
""",
    "playbooks/hypotheses/HYP-0002.yml": """kind: Hypothesis
id: HYP-0002
squad: growth
title: Streak reminders bring learners back
statement:
  change: a reminder on the second day
  audience: learners who finished one lesson
  outcome: lift weekly active learners by 2%
  rationale: habits form early
metric: weekly-active-learners
expected_lift: 0.02
ice: {{impact: 6, confidence: 5, ease: 7}}
status: backlog
""",
    "playbooks/experiments/EXP-0001.yml": """kind: Experiment
id: EXP-0001
squad: growth
title: "Short signup form {hostile}"
hypothesis: HYP-0001
key_result: OKR-2026Q4-GRO-1/KR-1
status: {status}
metrics: {{primary: signup-rate}}
surface: web/signup
variants:
  - {{id: control, allocation: 50}}
  - {{id: short, allocation: 50}}
design: {{mde: 0.05, power: 0.8, alpha: 0.05, sample_size: 12000, duration_days: 14}}
start: 2026-10-12
end: 2026-10-26
budget: 1200
{result}""",
    "playbooks/experiments/EXP-0002.yml": """kind: Experiment
id: EXP-0002
squad: growth
title: Social sign-in button {unbroken}
hypothesis: HYP-0001
status: ready
metrics: {primary: signup-rate}
surface: web/signup
design: {mde: 0.05, power: 0.8, alpha: 0.05, sample_size: 12000, duration_days: 21}
start: 2026-12-01
end: 2026-12-21
budget: 800
approvals:
  - {by: "Growth council {unbroken}", role: council, date: 2026-11-20, overlaps: [EXP-0003]}
""",
    "playbooks/experiments/EXP-0003.yml": """kind: Experiment
id: EXP-0003
squad: growth
title: Welcome email with a lesson plan
hypothesis: HYP-0002
status: ready
metrics: {primary: weekly-active-learners}
surface: web/signup
exclusion_group: onboarding
design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 40000, duration_days: 28}
start: 2026-12-10
budget: 500
""",
}

RESULT = """result:
  outcome: win
  lift: 0.062
  p_value: 0.01
  decision: ship
  learnings: Fewer fields won; the zeppelin-shaped drop at the password step vanished. {unbroken}
"""


def write_version(root, **values):
    values.setdefault("hostile", HOSTILE.replace('"', '\\"'))
    values.setdefault("unbroken", UNBROKEN)
    for path, text in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        for key, value in values.items():
            text = text.replace("{" + key + "}", str(value))
        target.write_text(text.replace("{{", "{").replace("}}", "}"), encoding="utf-8")


def git(root, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Ana Ruiz", GIT_AUTHOR_EMAIL="ana@example.com",
               GIT_COMMITTER_NAME="CI", GIT_COMMITTER_EMAIL="ci@example.com")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date + "T12:00:00Z"
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def build_repository(root):
    root.mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    steps = [
        ("2026-09-28", dict(current=10.4, wal=1810000, status="ready", result="", hstatus="testing"), "Plan Q4"),
        ("2026-10-12", dict(current=11, wal=1850000, status="running", result="", hstatus="testing"), "Start EXP-0001"),
        ("2026-11-02", dict(current=12.5, wal=1930000, status="concluded", result=RESULT, hstatus="validated"), "Conclude EXP-0001"),
    ]
    for date, values, message in steps:
        write_version(root, **values)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", message, date=date)


# review59s #3: a group's name as long as the grocery history's, which ran past a 390 px screen's edge.
LONG_GROUP = "checkout-slots-and-loyalty-points-holdout-2026-q4-emea-<i>x</i>"


def build_long_history(root):
    """Twelve quarters, 2024-Q1 to 2026-Q4, each with an objective on the North Star and an
    experiment started and concluded in it, and two experiments that ran together: the charts
    get twelve categories, the calendar a long span; the last quarter's second experiment in an exclusion group
    with a long name (LONG_GROUP)."""
    root.mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    files = {"playbooks/metrics.yml": FILES["playbooks/metrics.yml"],
             "playbooks/squads/growth.yml": FILES["playbooks/squads/growth.yml"]}
    quarters = [(year, q) for year in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    for index, (year, q) in enumerate(quarters):
        month = 3 * (q - 1) + 1
        start, end = f"{year}-{month:02d}-05", f"{year}-{month + 1:02d}-20"
        files[f"playbooks/okrs/{year}Q{q}.yml"] = f"""kind: Objective
id: OKR-{year}Q{q}-GRO-1
squad: growth
quarter: {year}-Q{q}
title: More weekly active learners in {year}-Q{q}
aligns_to: weekly-active-learners
key_results:
  - id: KR-1
    title: Weekly active learners up
    metric: weekly-active-learners
    baseline: {1000000 + index * 50000}
    target: {1100000 + index * 50000}
    current: {1060000 + index * 50000}
"""
        for number, surface in ((2 * index + 1, "web/signup"), (2 * index + 2, "web/signup/social")):
            experiment = f"playbooks/experiments/EXP-{number:04d}.yml"
            text = f"""kind: Experiment
id: EXP-{number:04d}
squad: growth
title: Experiment {number} of {year}-Q{q} on a surface with a long name
status: {{status}}
metrics: {{{{primary: signup-rate}}}}
surface: {surface}
design: {{{{mde: 0.05, power: 0.8, alpha: 0.05, sample_size: 12000, duration_days: 30}}}}
start: {start}
end: {end}
budget: 100
"""
            if number == 2 * len(quarters):
                text += f'exclusion_group: "{LONG_GROUP}"\n'
            files[experiment] = text
        for status, day in (("running", start), ("concluded", end)):
            for path, text in files.items():
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                if "/experiments/" in path:
                    number = int(path[-8:-4])
                    current = number > 2 * index
                    text = text.replace("{status}", status if current else "concluded")
                    if (current and status == "concluded") or not current:
                        text += "result: {outcome: win, lift: 0.02, decision: ship, learnings: It helped.}\n"
                    text = text.replace("{{", "{").replace("}}", "}")
                target.write_text(text, encoding="utf-8")
            git(root, "add", "-A")
            git(root, "commit", "-q", "-m", f"{status} {year}-Q{q}", date=day)


def build_example(root, playbooks):
    """The bundled example playbook in one commit."""
    root.mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    shutil.copytree(playbooks, root / "playbooks")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Example", date="2026-11-20")


# Every visible text's size as drawn: an SVG's text scaled by its viewBox, the rest computed.
TEXT_SIZES = """
var small = [];
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var seen = new Set();
while (walker.nextNode()) {
  var node = walker.currentNode, element = node.parentElement;
  if (!node.textContent.trim() || seen.has(element)) { continue; }
  seen.add(element);
  if (element.closest('title, [hidden], .skip')) { continue; }
  var style = getComputedStyle(element);
  if (style.display === 'none' || style.visibility === 'hidden') { continue; }
  var size = parseFloat(style.fontSize);
  if (element instanceof SVGElement) {
    var matrix = element.getScreenCTM();
    if (matrix) { size = size * Math.hypot(matrix.a, matrix.b); }
  }
  if (size < 11.95) { small.push(element.tagName + ' ' + size.toFixed(1) + 'px: ' + node.textContent.trim().slice(0, 30)); }
}
return small;
"""

# Every SVG text drawn past its SVG's edge (more than 1.5 px), where the SVG clips it: its box as
# drawn (a rotated axis title's too) against the outermost SVG's.
SVG_TEXT_PAST_EDGES = """
var past = [];
document.querySelectorAll('svg text').forEach(function (text) {
  if (!text.textContent.trim()) { return; }
  var svg = text.ownerSVGElement;
  while (svg.ownerSVGElement) { svg = svg.ownerSVGElement; }
  var box = text.getBoundingClientRect(), edge = svg.getBoundingClientRect();
  var by = Math.max(edge.left - box.left, box.right - edge.right, edge.top - box.top, box.bottom - edge.bottom);
  if (by > 1.5) { past.push(text.textContent.trim().slice(0, 30) + ' by ' + by.toFixed(1) + 'px'); }
});
return past;
"""


# Per timeline, the exclusion groups its rows' tooltips name, and those no label of its column shows whole
# (clipped by its box, or past the region's edges), with the region scrolled to its start, as it opens without the
# script, or (argument true) where the page's script left it, at today.
EXCLUSION_GROUPS_SHOWN = """
var named = 0, cut = [], all = [];
document.querySelectorAll('.scroll[aria-label^="timeline"]').forEach(function (region) {
  if (!arguments[0]) { region.scrollLeft = 0; }
  var box = region.getBoundingClientRect(), groups = {};
  region.querySelectorAll('.tl-labels [title]').forEach(function (label) {
    var match = /, exclusion group (.*)$/.exec(label.getAttribute('title'));
    if (match) { groups[match[1]] = true; }
  });
  Object.keys(groups).forEach(function (group) {
    named += 1;
    all.push(group);
    var whole = Array.prototype.some.call(region.querySelectorAll('.tl-labels li'), function (li) {
      if (li.textContent.indexOf(group) < 0) { return false; }
      var clipped = getComputedStyle(li).overflowX !== 'visible' && li.scrollWidth > li.clientWidth;
      var range = document.createRange();
      range.selectNodeContents(li);
      var text = range.getBoundingClientRect();
      return !clipped && text.left >= box.left - 0.5 && text.right <= box.right + 0.5;
    });
    if (!whole) { cut.push(region.getAttribute('aria-label') + ': ' + group); }
  });
});
return [named, cut, all];
"""


def check_layout(driver, site, name, checks):
    """At 390 and 1400 px: no page scrolls sideways, no text is drawn under 12 px, and no SVG's
    text is drawn past its edge (clipped)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for width in (390, 1400):
        driver.set_window_size(width, 900)
        wide, small, clipped = [], [], []
        for page in pages:
            driver.get((site / page).as_uri())
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide.append(f"{page} by {overflow} px")
            small += [f"{page}: {text}" for text in driver.execute_script(TEXT_SIZES)]
            clipped += [f"{page}: {text}" for text in driver.execute_script(SVG_TEXT_PAST_EDGES)]
        checks.check(not wide, f"{name} at {width} px: no page scrolls sideways ({len(pages)} pages)" + (f" (wider: {wide[:5]})" if wide else ""))
        checks.check(not small, f"{name} at {width} px: all text is 12 px or more" + (f" (smaller: {small[:5]}, {len(small)} in all)" if small else ""))
        checks.check(not clipped, f"{name} at {width} px: no SVG text is drawn past its SVG's edge"
                     + (f" (past: {clipped[:5]}, {len(clipped)} in all)" if clipped else ""))


# The focused element's outline colour and the first opaque background under its ring on one side.
RING_AND_BACKGROUND = """
var a = document.activeElement, style = getComputedStyle(a), box = a.getBoundingClientRect();
var out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2;
var x = arguments[0] === "left" ? box.left - out : box.left + box.width / 2;
var y = arguments[0] === "left" ? box.top + box.height / 2 : box.bottom + out;
var under = document.elementsFromPoint(x, y).filter(function (e) { return e !== a && !a.contains(e); });
for (var i = 0; i < under.length; i += 1) {
  var background = getComputedStyle(under[i]).backgroundColor;
  if (background !== "rgba(0, 0, 0, 0)" && background !== "transparent") { return [style.outlineColor, background]; }
}
return [style.outlineColor, "rgb(255, 255, 255)"];
"""


def contrast(first, second):
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""
    def luminance(colour):
        channels = [int(float(part)) / 255 for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    a, b = luminance(first), luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print(f"ok: {what}")
        else:
            self.failed += 1
            print(f"FAILED: {what}")


def main():
    parser = argparse.ArgumentParser()
    for name in ("playbook", "browser", "driver", "scratch", "screenshots", "example"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    root = pathlib.Path(args.scratch) / "repo"
    build_repository(root)
    long_root = pathlib.Path(args.scratch) / "long"
    build_long_history(long_root)
    example_root = pathlib.Path(args.scratch) / "example"
    build_example(example_root, args.example)
    for repository, today in ((root, "2026-11-30"), (long_root, "2026-12-10"), (example_root, "2026-12-04")):
        run = subprocess.run([args.playbook, "site", "-o", "site", "--today", today], cwd=repository,
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout, run.stderr, sep="\n")
            print("0 passed, 1 failed")
            return 1
    site = root / "site"
    checks = Checks()

    options = webdriver.ChromeOptions()
    options.binary_location = args.browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=args.driver), options=options)
    try:
        driver.set_window_size(1400, 1000)
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        for page in pages:
            driver.get((site / page).as_uri())
            errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
            try:
                driver.switch_to.alert
                alerted = True
            except NoAlertPresentException:
                alerted = False
            checks.check(not errors and not alerted, f"{page} loads from file:// without console errors"
                         + (f": {errors}" if errors else "") + (" (an alert opened)" if alerted else ""))

        # Keyboard: the first Tab reaches the skip link.
        driver.get((site / "index.html").as_uri())
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        checks.check(driver.switch_to.active_element.text == "Skip to content", "the first Tab focuses the skip link")

        # Its focus ring stands 3:1 or more against what it sits on (WCAG 1.4.11), along its left and bottom sides.
        for side in ("left", "bottom"):
            ring, under = driver.execute_script(RING_AND_BACKGROUND, side)
            checks.check(contrast(ring, under) >= 3, f"the skip link's focus ring {ring} stands out from {under} at its {side} side"
                         f" ({contrast(ring, under):.2f}:1)")

        # The skip link moves the focus into the page's main content.
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        checks.check(driver.execute_script("return location.hash") == "#main", "the skip link leads to the main content")

        # The quarter switcher: every quarter the history holds, the shown one marked; keyboard reaches it.
        links = driver.find_elements(By.CSS_SELECTOR, "nav.quarters a")
        checks.check([a.text for a in links] == ["2026-Q3", "2026-Q4"], f"the switcher lists both quarters (got {[a.text for a in links]})")
        checks.check([a.get_attribute("aria-current") for a in links] == [None, "page"], "the home quarter is marked current")
        driver.get((site / "index.html").as_uri())
        body = driver.find_element(By.TAG_NAME, "body")
        for _ in range(12):
            body = driver.switch_to.active_element
            if body.text == "2026-Q3":
                break
            body.send_keys(Keys.TAB)
        checks.check(driver.switch_to.active_element.text == "2026-Q3", "Tab reaches the switcher")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        checks.check(driver.current_url.endswith("quarter-2026-Q3.html"), f"Enter on 2026-Q3 opens its page ({driver.current_url})")
        checks.check("2026-Q3" in driver.find_element(By.TAG_NAME, "h1").text, "the Q3 page is titled with its quarter")
        current = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "nav.quarters a[aria-current='page']")]
        checks.check(current == ["2026-Q3"], f"the Q3 page marks Q3 current (got {current})")
        outline = driver.execute_script("var a = document.querySelector('nav.quarters a'); a.focus(); return getComputedStyle(a).outlineStyle")
        checks.check(outline not in ("none", ""), f"a focused link shows an outline ({outline})")
        ring, under = driver.execute_script(RING_AND_BACKGROUND, "bottom")
        checks.check(contrast(ring, under) >= 3, f"a focused link's ring {ring} stands out from the page {under} ({contrast(ring, under):.2f}:1)")

        # Search as you type finds EXP-0001 by a word of its learnings.
        driver.get((site / "learnings.html").as_uri())
        box = driver.find_element(By.ID, "q")
        checks.check(box.is_displayed(), "the search box shows when scripts run")
        box.send_keys("zeppel")
        visible = [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                   if card.is_displayed()]
        checks.check("EXP-0001" in visible, f"search 'zeppel' shows EXP-0001 (shown: {visible})")
        checks.check("HYP-0002" not in visible, "search hides entries without the word")
        box.clear()
        # Another form of a word finds it (vanishing: vanished), as "price" finds "pricing".
        box.send_keys("vanishing")
        visible = [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                   if card.is_displayed()]
        checks.check("EXP-0001" in visible and "HYP-0002" not in visible, f"search 'vanishing' finds 'vanished' in EXP-0001 (shown: {visible})")
        box.clear()
        box.send_keys("zeppelin nothingmatches")
        shown = [card for card in driver.find_elements(By.CSS_SELECTOR, "li.card") if card.is_displayed()]
        checks.check(not shown, "a word no entry holds hides every card")
        box.clear()
        box.send_keys(Keys.BACKSPACE)
        driver.find_element(By.CSS_SELECTOR, "#f-outcome option[value='backlog']").click()
        visible = [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                   if card.is_displayed()]
        checks.check(visible == ["HYP-0002"], f"the outcome filter keeps only backlog entries (shown: {visible})")
        # The choice is kept over a reload, in the address's fragment.
        checks.check(driver.current_url.endswith("learnings.html#outcome=backlog"), f"the address holds the filter ({driver.current_url})")
        driver.refresh()
        visible = [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                   if card.is_displayed()]
        kept = driver.find_element(By.ID, "f-outcome").get_attribute("value")
        checks.check(visible == ["HYP-0002"] and kept == "backlog", f"a reload keeps the outcome filter (shown: {visible}, chosen: {kept!r})")
        # A fragment changed while the page is open (a link to a filtered library followed from it) applies at once.
        driver.execute_script("location.hash = 'search=zeppelin'")
        visible = [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                   if card.is_displayed()]
        kept = driver.find_element(By.ID, "f-outcome").get_attribute("value")
        typed = driver.find_element(By.ID, "q").get_attribute("value") if driver.find_elements(By.ID, "q") else None
        checks.check("EXP-0001" in visible and "HYP-0002" not in visible and kept == "" and typed == "zeppelin", f"a new fragment replaces the choice (shown: {visible}, outcome: {kept!r}, query: {typed!r})")

        # Each filter narrows the cards, and the count says how many are shown.
        driver.get((site / "learnings.html").as_uri())
        def shown():
            return [card.find_element(By.CSS_SELECTOR, "h2 a").text for card in driver.find_elements(By.CSS_SELECTOR, "li.card")
                    if card.is_displayed()]
        everything = shown()
        checks.check(len(everything) == 3, f"the library shows every entry at first (shown: {everything})")
        for select, value, expected in (("f-squad", "growth", everything), ("f-stage", "activation", everything),
                                        ("f-quarter", "2026-Q3", ["HYP-0002"]), ("f-outcome", "win", ["EXP-0001"])):
            driver.get((site / "learnings.html").as_uri())
            options = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, f"#{select} option")]
            checks.check(value in options, f"{select} offers {value} (options: {options})")
            driver.find_element(By.CSS_SELECTOR, f"#{select} option[value='{value}']").click()
            got = shown()
            checks.check(sorted(got) == sorted(expected), f"{select} = {value} shows {expected} (shown: {got})")
            count = driver.find_element(By.ID, "count").text
            checks.check(count.startswith(f"{len(got)} of 3"), f"the count follows the filter ({count})")
        # Keyboard: Tab from the search box reaches every filter.
        driver.get((site / "learnings.html").as_uri())
        driver.find_element(By.ID, "q").click()
        reached = []
        for _ in range(4):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            reached.append(driver.switch_to.active_element.get_attribute("id"))
        checks.check(reached == ["f-squad", "f-stage", "f-outcome", "f-quarter"], f"Tab walks the filters in order ({reached})")

        # Objectives, hypotheses and experiments share pages: a link lands on the entity's own section.
        driver.get((site / "e/hypotheses.growth.html").as_uri())
        driver.find_element(By.CSS_SELECTOR, "section#k-HYP-0001 a[href$='#k-EXP-0001']").click()
        target = driver.find_elements(By.CSS_SELECTOR, "section#k-EXP-0001 > h2")
        checks.check(driver.current_url.endswith("experiments.growth.2026-Q4.html#k-EXP-0001") and bool(target)
                     and "EXP-0001" in target[0].text, f"a link to EXP-0001 opens its section ({driver.current_url})")

        # The hostile title is text, not markup; the bidi override is shown, not obeyed.
        for page in ("e/hypotheses.growth.html", "e/experiments.growth.2026-Q4.html", "learnings.html", "calendar.html"):
            driver.get((site / page).as_uri())
            text = driver.find_element(By.TAG_NAME, "main").text
            checks.check("<img src=x onerror=alert(1)>" in text, f"{page} shows the hostile title as text")
            checks.check(not driver.find_elements(By.CSS_SELECTOR, "main img"), f"{page} holds no img element")
            checks.check("\u202e" not in text and "U+202E" in text, f"{page} shows U+202E as a visible code")

        # Tables fit their page at 1400 px: a word longer than the page breaks inside its cell rather
        # than widening the table (calendar, squad and hypotheses tables), and the program's ten columns fit too; at 390 px a table
        # may scroll in its region, but only by what its columns' words need, not by that word.
        for width, limit in ((1400, None), (390, 1200)):
            driver.set_window_size(width, 900)
            for page in pages:
                driver.get((site / page).as_uri())
                wide = driver.execute_script("""return Array.from(document.querySelectorAll('.scroll')).filter(function (s) {
                    return s.querySelector('table'); }).map(function (s) {
                    return [s.getAttribute('aria-label').slice(0, 40), s.scrollWidth, s.clientWidth]; })""")
                wide = [w for w in wide if (w[1] > w[2] + 1 if limit is None else w[1] > limit)]
                checks.check(not wide, f"{page} at {width} px: every table fits "
                             + ("its region" if limit is None else f"in {limit} px") + (f" (wider: {wide})" if wide else ""))

        # Pages read from 390 to 1400 px: nothing widens the page, no text is drawn under 12 px (a
        # chart's text shrinks with it: at 390 px it was 9 px), here, on twelve quarters of history
        # and on the bundled example.
        for name, folder in (("the scratch site", site), ("twelve quarters", long_root / "site"), ("the example", example_root / "site")):
            check_layout(driver, folder, name, checks)
        # The calendar's timeline scrolls in its own region; its labels stay in view beside the bars.
        driver.set_window_size(390, 900)
        driver.get((long_root / "site" / "calendar.html").as_uri())
        region = driver.execute_script("""var r = document.querySelector('.scroll[aria-label^="timeline"]');
            if (!r) { return null; }
            r.scrollLeft = r.scrollWidth;
            var label = r.querySelector('.tl-row a');
            var box = r.getBoundingClientRect(), at = label ? label.getBoundingClientRect() : null;
            return {scrolled: r.scrollLeft, width: r.scrollWidth, client: r.clientWidth, focusable: r.tabIndex === 0,
                    caption: r.previousElementSibling ? r.previousElementSibling.textContent : '',
                    label: at ? [at.left - box.left, at.right <= box.right, label.textContent] : null}""")
        checks.check(region is not None and region["focusable"] and region["scrolled"] > 0 and region["width"] > region["client"],
                     f"at 390 px the calendar's timeline scrolls sideways in a focusable region ({region})")
        checks.check(region is not None and region["caption"].startswith("Timeline of web"), f"the timeline has a caption ({region and region['caption']})")
        checks.check(region is not None and region["label"] is not None and 0 <= region["label"][0] < 30 and region["label"][1],
                     f"scrolled to its end, the timeline still shows which experiment each row is ({region and region['label']})")

        # review58s #7: at 390 px each calendar timeline opens with today's line in view, beside its label column
        # (it opened at its start, months before today): here, on twelve quarters of history and on the example.
        for name, folder in (("the scratch site", site), ("twelve quarters", long_root / "site"), ("the example", example_root / "site")):
            driver.get((folder / "calendar.html").as_uri())
            hidden = driver.execute_script("""return Array.from(document.querySelectorAll('.scroll[aria-label^="timeline"]')).map(function (r) {
                var line = r.querySelector('line[stroke="#a3261b"]');
                if (!line) { return null; }
                var at = line.getBoundingClientRect(), box = r.getBoundingClientRect(), labels = r.querySelector('.tl-labels').getBoundingClientRect();
                return at.left >= labels.right && at.right <= box.right ? null : [r.getAttribute('aria-label'), r.scrollLeft, Math.round(at.left), Math.round(labels.right), Math.round(box.right)];
              }).filter(function (x) { return x; })""")
            checks.check(not hidden, f"{name} at 390 px: each calendar timeline opens with today's line in view" + (f" (not: {hidden[:3]})" if hidden else ""))

        # Each exclusion group a timeline's rows are in is named in full, in view, in its label column (its
        # name after the row's id was cut to "onbo…" by the 8.5rem column at 390 px): here and on the bundled
        # example, at 390 and 1400 px; and a long name (review59s #3: it ran past the screen's edge), on twelve quarters,
        # with the script and without it (it opens the timeline at today; the label column stays at the left either way).
        for width in (390, 1400):
            driver.set_window_size(width, 900)
            for name, folder in (("the scratch site", site), ("the example", example_root / "site"), ("twelve quarters", long_root / "site")):
                driver.get((folder / "calendar.html").as_uri())
                for scrolled in (True, False):
                    named, cut, groups = driver.execute_script(EXCLUSION_GROUPS_SHOWN, scrolled)
                    at = "at today" if scrolled else "at its start"
                    checks.check(named > 0 and not cut, f"{name} at {width} px, timelines {at}: each exclusion group of the calendar's timelines is named in full"
                                 f" ({named} named" + (f"; cut or out of view: {cut[:5]}" if cut else "") + ")")
                    if folder == long_root / "site":
                        checks.check(LONG_GROUP in groups, f"{name} at {width} px: the long exclusion group is among those checked ({groups})")

        # Screenshots for review.
        out = pathlib.Path(args.screenshots)
        out.mkdir(parents=True, exist_ok=True)
        for page in ("index.html", "quarter-2026-Q3.html", "learnings.html", "calendar.html", "program.html", "squads.html",
                     "e/experiments.growth.2026-Q4.html", "e/growth.html", "e/objectives.2026-Q4.html"):
            for width in (390, 1400):
                driver.set_window_size(width, 900)
                driver.get((site / page).as_uri())
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 600), 8000))
                overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
                checks.check(not overflow, f"{page} at {width} px has no page-wide horizontal scroll")
                name = page.replace("/", "-").replace(".html", "")
                driver.save_screenshot(str(out / f"{name}-{width}.png"))
        for page in ("index.html", "program.html", "calendar.html"):
            for width in (390, 1400):
                driver.set_window_size(width, 900)
                driver.get((long_root / "site" / page).as_uri())
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 600), 8000))
                driver.save_screenshot(str(out / f"long-{page.replace('.html', '')}-{width}.png"))
        print(f"screenshots in {out}")
    finally:
        driver.quit()
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
