/// The site's stylesheet and its one script, written for it (no framework, no web font).
enum Assets {
    /// Colours keep WCAG AA contrast on their backgrounds (text 4.5:1 or more, focus rings 3:1).
    static let stylesheet = """
    :root { --ink: #1d2330; --muted: #4a5263; --line: #d5dae3; --bg: #ffffff; --panel: #f4f6f9;
      --link: #1f4fbf; --good: #17693a; --good-bg: #e3f4e9; --warn: #7a4f00; --warn-bg: #fff1cc;
      --bad: #a3261b; --bad-bg: #fde7e5; --focus: #1f4fbf;
      --focus-on-dark: #9fb8ff; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
      background: var(--bg); line-height: 1.5; font-size: 16px; overflow-wrap: break-word; }
    a { color: var(--link); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible,
    summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 2; }
    .skip:focus { left: .5rem; }
    header.top { background: var(--ink); }
    header.top ul { list-style: none; margin: 0 auto; padding: .25rem 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; max-width: 1200px; }
    header.top a { color: #fff; text-decoration: none; display: inline-block; padding: .5rem 0; font-weight: 600; }
    header.top a[aria-current="page"] { border-bottom: 3px solid #9fb8ff; }
    /* A ring is 3:1 or more against what it sits on: on the dark header (the skip link shows over it) the light blue. */
    header.top a:focus-visible, .skip:focus-visible { outline-color: var(--focus-on-dark); }
    main { max-width: 1200px; margin: 0 auto; padding: 1rem 1rem 3rem; }
    footer { max-width: 1200px; margin: 0 auto; padding: 1rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .875rem; }
    h1 { font-size: 1.75rem; line-height: 1.25; margin: .75rem 0 .5rem; }
    h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; }
    h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
    .muted, .meta { color: var(--muted); }
    .kind { color: var(--muted); font-weight: 400; font-size: 1rem; display: block; }
    .missing { color: var(--muted); text-decoration: underline dotted; }
    /* A move undone since the quarter ended: the report's full words are in its title. */
    .undone { text-decoration: underline dotted; cursor: help; }
    .note { background: var(--warn-bg); border-left: 4px solid #c98a00; padding: .5rem .8rem; }
    /* A region wider than the screen shows a shadow at the edge it scrolls toward (the local layers cover the shadows
       once scrolled to that end), so a table cut at 390 px says that it goes on. */
    .scroll { overflow-x: auto; max-width: 100%;
      background: linear-gradient(to right, var(--bg) 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
        linear-gradient(to left, var(--bg) 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
        radial-gradient(farthest-side at 0 50%, rgba(29,35,48,.28), rgba(29,35,48,0)) left / .9rem 100% no-repeat scroll,
        radial-gradient(farthest-side at 100% 50%, rgba(29,35,48,.28), rgba(29,35,48,0)) right / .9rem 100% no-repeat scroll; }
    table { border-collapse: collapse; margin: .5rem 0 1.25rem; min-width: 100%; }
    .caption { font-weight: 600; margin: .75rem 0 .25rem; }
    .caption .meta { font-weight: 400; }
    dd > p:first-child { margin-top: 0; }
    details > summary { cursor: pointer; }
    th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
    /* Free text (td.t) breaks anywhere it must: break-word would not narrow its column, so one long
       word would widen the table past the page. Other cells keep their words whole. */
    td.t { overflow-wrap: anywhere; min-width: 8rem; }
    th { background: var(--panel); font-weight: 600; }
    /* An id (a squad, an experiment, a metric) is kept on one line where it is a link outside free text:
       "acq-latam" broke at its hyphen into "acq-" and "latam" when the browser narrowed a column. */
    td:not(.t) a, .krs strong > a, .krs .values a, .objective h3 > a:first-child, .objective .meta a { white-space: nowrap; }
    /* A number with its note ("2.5 (p90 5.0, n=4)") may wrap between them, each kept whole (.nw). */
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    th.n { text-align: right; }
    /* A badge may carry a name ("reviewed by …"): it wraps, and a word longer than the line breaks,
       rather than widening the page. In a table a badge is a word or two of the site's own: kept whole. */
    .badge { display: inline-block; max-width: 100%; border-radius: .75rem; padding: 0 .55rem; font-size: .85rem; font-weight: 600; overflow-wrap: anywhere; }
    td .badge { white-space: nowrap; }
    .badge.good { color: var(--good); background: var(--good-bg); }
    .badge.warn { color: var(--warn); background: var(--warn-bg); }
    .badge.bad { color: var(--bad); background: var(--bad-bg); }
    .badge.none { color: var(--muted); background: var(--panel); }
    meter { width: 5rem; height: .9rem; vertical-align: middle; }
    /* A score bar is coloured as its key result's status badge; without a status, neutral. (No low,
       high or optimum: the value always stands in the optimum region, coloured here.) */
    meter.good::-webkit-meter-optimum-value { background: #17803d; }
    meter.warn::-webkit-meter-optimum-value { background: #a86b00; }
    meter.bad::-webkit-meter-optimum-value { background: #c0281b; }
    meter.none::-webkit-meter-optimum-value { background: #4a5263; }
    meter.good::-moz-meter-bar { background: #17803d; }
    meter.warn::-moz-meter-bar { background: #a86b00; }
    meter.bad::-moz-meter-bar { background: #c0281b; }
    meter.none::-moz-meter-bar { background: #4a5263; }
    .score { font-variant-numeric: tabular-nums; }
    .quarters ul { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem; }
    .quarters a { display: inline-block; padding: .25rem .65rem; border: 1px solid var(--line); border-radius: .35rem; text-decoration: none; }
    .quarters a[aria-current="page"] { background: var(--ink); color: #fff; border-color: var(--ink); }
    .northstar { background: var(--panel); border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
    .northstar .figure { font-size: 2rem; font-weight: 700; margin: 0; }
    .northstar h2 { margin-top: 0; }
    .tree, .tree ul { list-style: none; margin: 0; padding: 0; }
    .tree ul { margin-left: 1rem; padding-left: 1rem; border-left: 2px solid var(--line); }
    .tree li { margin: .5rem 0; }
    .objective { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; background: #fff; }
    .objective h3 { margin-top: 0; }
    .krs { list-style: none; padding: 0; margin: .5rem 0 0; }
    .krs li { border-top: 1px solid var(--line); padding: .5rem 0; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .25rem 1rem; }
    .krs .values { color: var(--muted); font-size: .95rem; grid-column: 1 / -1; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); gap: 1rem; padding: 0; list-style: none; }
    .card { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; background: #fff; }
    .card h2 { margin: 0 0 .25rem; font-size: 1.05rem; }
    .card dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .1rem .75rem; margin: .5rem 0; }
    .card dt { color: var(--muted); }
    .card dd { margin: 0; }
    dl.fields { display: grid; grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr); gap: .3rem 1rem; }
    dl.fields dt { color: var(--muted); }
    dl.fields dd { margin: 0; }
    /* Learnings and statements keep the lines they were written in (a YAML block, a list). */
    p.written { white-space: pre-line; }
    .filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; background: var(--panel); padding: .75rem; border-radius: .5rem; }
    .filters label { display: flex; flex-direction: column; font-size: .9rem; color: var(--muted); }
    .filters input, .filters select { font: inherit; padding: .35rem .5rem; border: 1px solid #7a8294; border-radius: .3rem; color: var(--ink); background: #fff; min-width: 10rem; }
    .filters input[type="search"] { min-width: min(22rem, 80vw); }
    /* A chart scales with its column: 560 units shown 520 to 720 px wide (its 15-unit text 14 to
       19 px), narrower only on a narrow screen, where its text is set larger below. */
    .chart { max-width: 720px; margin: .5rem 0 1rem; }
    .chart figcaption { font-weight: 600; }
    .chart svg { width: 100%; height: auto; display: block; }
    .chart text { fill: var(--muted); font-size: 15px; font-family: system-ui, sans-serif; }
    .nw { white-space: nowrap; }
    .toc { columns: 22rem; column-gap: 2rem; padding-left: 1.25rem; }
    section.entity { border-top: 2px solid var(--line); margin-top: 2.5rem; }
    section.entity > h2 { margin-top: 1rem; }
    h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 1rem 2rem; }
    .chart .axis { stroke: #7a8294; }
    .chart text.value { fill: var(--ink); }
    .chart text.value.in { fill: #fff; }
    .chart .grid { stroke: var(--line); }
    /* The calendar's timeline: labels (HTML) that stay at the left while the bars (SVG, in px)
       scroll beside them; the heights are CalendarPage.timeline's rows. */
    .tl { display: flex; width: max-content; }
    .tl-labels { position: sticky; left: 0; z-index: 1; flex: none; width: 230px; margin: 0; padding: 0; list-style: none;
      background: var(--bg); font-size: .8125rem; }
    .tl-labels li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding: 0 .5rem 0 .75rem; }
    .tl-head { height: 40px; }
    /* A surface's name runs on over its lane's band, as wide as it needs. */
    .tl-labels .tl-lane { height: 26px; line-height: 26px; background: #eef1f6; font-weight: 600; padding-left: .25rem; overflow: visible; }
    .tl-row { height: 30px; line-height: 30px; }
    .tl-group { border-top: 1px dashed #7a8294; }
    /* An exclusion group's name, on a row of its own over its experiments' rows (CalendarPage.groupHead), in lines
       that fit the label column (CalendarPage.groupLines), each 22 px, as its row across the bars: "exclusion group",
       then the name in up to five; a line of wide letters is cut with an ellipsis, the whole in the row's tooltip. */
    .tl-labels .tl-eg { height: 22px; line-height: 22px; font-size: .75rem; color: var(--muted); }
    .tl-labels .tl-eg.l2 { height: 44px; } .tl-labels .tl-eg.l3 { height: 66px; } .tl-labels .tl-eg.l4 { height: 88px; }
    .tl-labels .tl-eg.l5 { height: 110px; } .tl-labels .tl-eg.l6 { height: 132px; }
    .timeline { display: block; flex: none; }
    /* The narrow screen's hint that a timeline scrolls (CalendarPage.timeline), shown in the media query below. */
    .tl-hint { display: none; margin-top: .25rem; font-size: .875rem; }
    .timeline text { fill: var(--ink); font-size: 12px; font-family: system-ui, sans-serif; }
    .timeline .tick { fill: var(--muted); }
    .legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: 0; color: var(--muted); font-size: .9rem; }
    .swatch { display: inline-block; width: 1.2rem; height: .7rem; vertical-align: middle; margin-right: .35rem; border-radius: 2px; }
    .swatch.planned { border: 2px dashed #4a5263; }
    .swatch.live { background: #2f5fd0; }
    .swatch.paused { background: #dce5f9; border: 1.5px solid #2f5fd0; }
    .swatch.collide { border: 3px solid #c0281b; }
    .swatch.s1 { background: #2f5fd0; } .swatch.s2 { background: #17803d; } .swatch.s3 { background: #b4530f; }
    .history { list-style: none; padding: 0; }
    .history > li { border-left: 3px solid var(--line); padding: .25rem 0 .5rem 1rem; margin-bottom: .5rem; }
    .history ul { margin: .25rem 0; padding-left: 1.25rem; }
    .history code, td code { font-size: .9rem; }
    del { color: var(--bad); }
    ins { color: var(--good); text-decoration: none; }
    [hidden] { display: none !important; }
    @media (max-width: 600px) {
      h1 { font-size: 1.45rem; }
      main { padding: .75rem .75rem 2rem; }
      dl.fields { grid-template-columns: minmax(0, 1fr); gap: 0 0; }
      dl.fields dd { margin-bottom: .5rem; }
      .krs li { grid-template-columns: minmax(0, 1fr); }
      .tree ul { margin-left: .25rem; padding-left: .6rem; }
      .objective { padding: .6rem .7rem; }
      /* Charts.narrowText: 13 px or more at 390 px wide, where a chart is shrunk to 334–366 px. */
      .chart text { font-size: 22px; }
      .tl-labels { width: 8.5rem; }
      /* A stacked table (table(stacked:)): each row a block, each cell named by its column, nothing off to the side. */
      table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; min-width: 0; }
      table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
      table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
      table.stack td { border: 0; padding: .1rem .6rem; text-align: left; }
      table.stack td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
      table.stack td:first-child::before { content: none; }
      .tl-hint { display: block; }
    }
    @media print { header.top, .filters, .skip { display: none; } }

    """

    /// The calendar's timelines opened at today: a timeline wider than its region (a narrow screen) is
    /// scrolled so that today's line (the SVG's `data-today`, in its pixels) stands three quarters across the
    /// bars' visible part, beside the label column that stays at the left: the days before today, where the
    /// live bars are, take most of the view. Without it, the region opens at its start, and scrolls as before;
    /// either way a line above it says that it scrolls (`.tl-hint`).
    static let timelineScript = """
    (function () {
      "use strict";
      Array.prototype.forEach.call(document.querySelectorAll("svg.timeline[data-today]"), function (svg) {
        var region = svg.closest(".scroll");
        if (!region || region.scrollWidth <= region.clientWidth) { return; }
        var labels = region.querySelector(".tl-labels");
        var bars = region.clientWidth - (labels ? labels.offsetWidth : 0);
        var today = Number(svg.getAttribute("data-today"));
        if (!isFinite(today) || today < bars * 3 / 4) { return; }
        region.scrollLeft = Math.max(0, today - bars * 3 / 4);
      });
    })();

    """

    /// Search as you type and filters for the learnings library. The index comes from
    /// search-index.js (a `<script src>`, so it loads from file:// where fetch cannot); results are
    /// shown by hiding the cards that do not match, and text is never inserted as markup.
    static let searchScript = """
    (function () {
      "use strict";
      var index = window.playbookSearchIndex || [];
      var form = document.getElementById("filters");
      if (!form) { return; }
      form.hidden = false;
      var query = document.getElementById("q");
      var selects = { s: document.getElementById("f-squad"), g: document.getElementById("f-stage"),
                      o: document.getElementById("f-outcome"), q: document.getElementById("f-quarter") };
      var count = document.getElementById("count");
      // Marks stay inside their word (a kana's voicing mark, a Devanagari vowel sign); Latin
      // accents are dropped, so "resume" finds "résumé".
      function words(text) {
        return text.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").split(/[^\\p{L}\\p{N}\\p{M}]+/u).filter(Boolean);
      }
      // Scripts written without spaces between words: a run of them is one "word" above, so a
      // query in them matches anywhere inside a word, not only at its start.
      var unspaced = /[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}]/u;
      // A query word without its ending (price, prices, pricing: pric), so it finds the other
      // forms by prefix; a stem keeps at least three letters, so typing a short prefix is unchanged.
      function stem(term) {
        var endings = ["ing", "ed", "es", "s", "e"];
        for (var i = 0; i < endings.length; i += 1) {
          var ending = endings[i];
          if (term.length - ending.length >= 3 && term.slice(-ending.length) === ending) { return term.slice(0, -ending.length); }
        }
        return term;
      }
      var prepared = index.map(function (entry) { return { entry: entry, words: words(entry.t), text: entry.t.toLowerCase() }; });
      function matches(item, terms) {
        return terms.every(function (term) {
          var inside = unspaced.test(term);
          return item.words.some(function (word) { return inside ? word.indexOf(term) !== -1 : word.indexOf(term) === 0; });
        });
      }
      function apply() {
        var terms = words(query.value).map(function (term) { return unspaced.test(term) ? term : stem(term); });
        // A query of symbols alone (an emoji) has no word to match: it is looked for as written, not
        // taken for an empty query that shows every card.
        var raw = query.value.trim().toLowerCase();
        var symbols = terms.length === 0 && raw !== "";
        var shown = 0;
        prepared.forEach(function (item) {
          var ok = symbols ? item.text.indexOf(raw) !== -1 : matches(item, terms);
          Object.keys(selects).forEach(function (key) {
            var value = selects[key] && selects[key].value;
            if (ok && value && item.entry[key] !== value) { ok = false; }
          });
          var card = document.getElementById(item.entry.k);
          if (card) { card.hidden = !ok; }
          if (ok) { shown += 1; }
        });
        count.textContent = shown + " of " + prepared.length + " shown";
      }
      // The query and filters live in the address's fragment (#search=…&outcome=…): kept over a reload,
      // and a link with them opens the library filtered. A fragment without "=" (a card's anchor, the
      // skip link's #main) is left as it is.
      var names = { s: "squad", g: "stage", o: "outcome", q: "quarter" };
      var place = window.location;
      // `cleared`: a fragment that changed while the page was open (a link followed, one edited) replaces the whole choice.
      function restore(cleared) {
        var hash = (place && place.hash) || "";
        if (hash.indexOf("=") === -1 || typeof URLSearchParams === "undefined") { return; }
        var params = new URLSearchParams(hash.slice(1));
        if (params.has("search")) { query.value = params.get("search"); } else if (cleared) { query.value = ""; }
        Object.keys(selects).forEach(function (key) {
          var select = selects[key], value = params.get(names[key]);
          var offered = select && value !== null && Array.prototype.some.call(select.options || [], function (option) { return option.value === value; });
          if (offered) { select.value = value; } else if (cleared && select) { select.value = ""; }
        });
      }
      function remember() {
        if (!place || !window.history || !window.history.replaceState || typeof URLSearchParams === "undefined") { return; }
        var params = new URLSearchParams();
        if (query.value) { params.set("search", query.value); }
        Object.keys(selects).forEach(function (key) { if (selects[key] && selects[key].value) { params.set(names[key], selects[key].value); } });
        var text = params.toString();
        if (text === "" && (place.hash || "").indexOf("=") === -1) { return; }
        try { window.history.replaceState(null, "", place.href.split("#")[0] + (text ? "#" + text : "")); } catch (ignored) { }
      }
      function changed() { apply(); remember(); }
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      query.addEventListener("input", changed);
      Object.keys(selects).forEach(function (key) { if (selects[key]) { selects[key].addEventListener("change", changed); } });
      restore(false);
      apply();
      if (window.addEventListener) { window.addEventListener("hashchange", function () { restore(true); apply(); }); }
    })();

    """
}
