import Foundation
import PlaybookModel
import PlaybookReports

/// One named row of values over the chart's categories; nil where there is no value.
struct Series {
    var name: String
    var values: [Double?]
}

/// Inline SVG charts with axes and tick labels, in a figure with the title and the legend in HTML
/// (they wrap to the screen). Colours come from attributes (the policy forbids inline styles);
/// each chart carries a text alternative, and every page also shows the numbers in a table.
///
/// The SVG scales with its column: on a narrow screen the stylesheet sets its text larger, in
/// the chart's units, so that it still reads at 12 px or more at 390 px wide (`narrowText`); the
/// margins and labels are laid out for that larger text.
enum Charts {
    static let colours = ["#2f5fd0", "#17803d", "#b4530f"]
    static let width = 560.0, height = 270.0
    static let right = 12.0, top = 16.0, bottom = 60.0
    /// The text size, in the chart's units, on a screen 600 px wide or less (the stylesheet's):
    /// at 390 px the chart is 366 px wide, 334 px in the North Star's panel, and 22 × 334 ÷ 560 is 13 px.
    static let narrowText = 22.0
    /// At most this many categories are written in full below the axis (`2026-Q3`); more are
    /// written `Q3`, with the year under the first and under each Q1.
    static let fullLabels = 4

    /// Grouped bars, one group per category.
    /// `places`: the decimal places `format` shows (the axis's ticks need no more, so each is labelled exactly).
    static func bars(title: String, categories: [String], series: [Series], yLabel: String, integer: Bool = false, places: Int = 2,
                     format: (Double) -> String = { Numbers.text($0) }) -> String {
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let scale = Scale(maximum: maximum, integer: integer, places: places)
        let left = leftMargin(scale, format)
        var svg = frame(title: title, yLabel: yLabel, scale: scale, left: left, format: format)
        let plot = width - left - right
        let group = plot / Double(max(1, categories.count))
        // A bar is wide enough for its value written upright along it where the gaps allow (many quarters of three series).
        let slots = Double(max(1, series.count))
        let bar = min(28, max(group * 0.7 / slots, min(uprightWidth, group * 0.9 / slots)))
        for (c, category) in categories.enumerated() {
            let x0 = left + Double(c) * group + (group - bar * Double(series.count)) / 2
            for (s, line) in series.enumerated() {
                guard c < line.values.count, let value = line.values[c] else { continue }
                // A value of 0 has no bar (a sliver read as a small value): its label, 0, says it, and carries
                // the bar's hover text (review59s #6b: it had none).
                let y = scale.y(value), x = x0 + Double(s) * bar
                let title = "<title>\(h("\(line.name), \(category): \(format(value))"))</title>"
                if y < Scale.bottomY {
                    svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(bar - 2))\" height=\"\(n(Scale.bottomY - y))\" fill=\"\(colours[s % colours.count])\">"
                    svg += title + "</rect>"
                }
                svg += valueLabel(format(value), x: x + (bar - 2) / 2, top: min(y, Scale.bottomY), width: bar, title: y < Scale.bottomY ? "" : title)
            }
            svg += categoryLabel(categories, c, x: left + (Double(c) + 0.5) * group)
        }
        return svg + "</svg>" + legend(series.map(\.name)) + "</figure>"
    }

    /// A bar's value written over it (inside its top, in white, where no room is left above it), at the
    /// narrow screen's size too; where it is wider than the bar's slot, which it would spill over into the
    /// next one's (38.5 over a bar of three series), it is written upright along the bar, reading upwards.
    /// Left out only where even that is wider than the slot (a bar thinner than the text is high). `title`: a
    /// `<title>` element the label carries, as the bar of a 0 it stands for would.
    private static func valueLabel(_ text: String, x: Double, top: Double, width: Double, title: String = "") -> String {
        let length = Double(text.count) * narrowText * 0.58
        if length <= width {
            let above = top - 4 - narrowText * 0.75 >= 0
            return "<text class=\"\(above ? "value" : "value in")\" x=\"\(n(x))\" y=\"\(n(above ? top - 4 : top + narrowText * 0.85))\" text-anchor=\"middle\">\(title)\(h(text))</text>"
        }
        guard width >= uprightWidth else { return "" }
        // Rotated a quarter turn back about its anchor: it runs up from the anchor (`start`, above the bar)
        // or up to it (`end`, inside the bar's top), centred on the bar's middle.
        let above = top - 4 - length >= Charts.top / 2
        let y = above ? top - 4 : top + 4
        return "<text class=\"\(above ? "value" : "value in")\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(above ? "start" : "end")\" "
            + "dominant-baseline=\"central\" transform=\"rotate(-90 \(n(x)) \(n(y)))\">\(title)\(h(text))</text>"
    }

    /// The slot a value written upright needs: the text's height at the narrow screen's size.
    static let uprightWidth = narrowText * 0.8

    /// Lines with a dot at each value, one per series, over the categories; a dot's label is `format`ted,
    /// or by `label` with its category's index where each category has its own (a metric's unit that changed);
    /// `note` adds to a dot's hover text (`(to date, on 2026-10-02)`).
    /// `places`: the decimal places `format` shows (the axis's ticks need no more, so each is labelled exactly).
    /// Each dot's value is written beside it where all fit side by side, else the last of each series and any
    /// dot standing alone (no line through it): a lone dot is no longer read off the axis, and the values are
    /// in the text alternative too. `fromZero: false` lets the axis start at a round number below the smallest
    /// value when all are far from 0 (a North Star of 1.82M and 1.87M is not a flat line at the top), said
    /// under the chart and in its text alternative.
    static func lines(title: String, categories: [String], series: [Series], yLabel: String, maximum: Double? = nil, places: Int = 2,
                      fromZero: Bool = true,
                      format: (Double) -> String = { Numbers.text($0) }, label: ((Int, Double) -> String)? = nil,
                      note: (Int) -> String = { _ in "" }) -> String {
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let top = maximum ?? (values.max() ?? 0)
        // Below zero when a value is (an NPS-like North Star): every point stays inside the frame.
        let scale = Scale(minimum: values.min() ?? 0, maximum: top, places: places, fromZero: fromZero)
        let left = leftMargin(scale, format)
        func text(_ c: Int, _ value: Double) -> String { label?(c, value) ?? format(value) }
        // The text alternative: the title, the values, and where the axis starts when not at 0.
        let axisNote = scale.bottom > 0 ? "The axis starts at \(format(scale.bottom)), not at 0." : nil
        let described = series.map { line in
            (series.count > 1 ? line.name + ": " : "") + line.values.enumerated().compactMap { c, value in
                value.map { "\(categories[c]) \(text(c, $0))" }
            }.joined(separator: ", ")
        }.filter { !$0.isEmpty }
        let alternative = title + (described.isEmpty ? "" : ". " + described.joined(separator: "; ")) + (axisNote.map { ". " + $0 } ?? "")
        var svg = frame(title: title, yLabel: yLabel, scale: scale, left: left, format: format, alternative: alternative)
        let plot = width - left - right
        let step = plot / Double(max(1, categories.count))
        func x(_ c: Int) -> Double { left + (Double(c) + 0.5) * step }
        for c in categories.indices { svg += categoryLabel(categories, c, x: x(c)) }
        // Every value written when each fits its category's width at the narrow screen's size.
        let all = values.count <= 6 && series.allSatisfy { line in
            line.values.enumerated().allSatisfy { c, value in value.map { textWidth(text(c, $0)) + 6 <= step } ?? true }
        }
        for (s, line) in series.enumerated() {
            let colour = colours[s % colours.count]
            let points = line.values.enumerated().compactMap { c, value in value.map { (x(c), scale.y($0), c, $0) } }
            if points.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\" points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>"
            }
            for (index, point) in points.enumerated() {
                svg += "<circle cx=\"\(n(point.0))\" cy=\"\(n(point.1))\" r=\"4\" fill=\"\(colour)\">"
                svg += "<title>\(h("\(line.name), \(categories[point.2]): \(text(point.2, point.3))\(note(point.2))"))</title></circle>"
                let alone = (point.2 == 0 || line.values[point.2 - 1] == nil) && (point.2 + 1 >= line.values.count || line.values[point.2 + 1] == nil)
                if all || alone || index == points.count - 1 {
                    svg += pointLabel(text(point.2, point.3), x: point.0, y: point.1, left: left)
                }
            }
        }
        return svg + "</svg>" + (axisNote.map { "<p class=\"meta\">\(h($0))</p>" } ?? "") + legend(series.map(\.name)) + "</figure>"
    }

    /// The width of `text` at the narrow screen's text size, in the chart's units.
    private static func textWidth(_ text: String) -> Double { Double(text.count) * narrowText * 0.58 }

    /// A dot's value written above it (below it where no room is left above), kept inside the plot's sides.
    private static func pointLabel(_ text: String, x: Double, y: Double, left: Double) -> String {
        let half = textWidth(text) / 2
        let at = min(max(x, left + half + 2), width - half - 2)
        let above = y - 9 - narrowText * 0.75 >= 0
        return "<text class=\"value\" x=\"\(n(at))\" y=\"\(n(above ? y - 9 : y + 9 + narrowText * 0.75))\" text-anchor=\"middle\">\(h(text))</text>"
    }

    /// Room for the longest tick label and the rotated axis title, at the narrow screen's text size.
    private static func leftMargin(_ scale: Scale, _ format: (Double) -> String) -> Double {
        let longest = scale.ticks.map { format($0).count }.max() ?? 1
        return 2 * narrowText + Double(longest) * narrowText * 0.58
    }

    /// The figure with its title, the opening tag, the y axis with ticks and grid lines, and the x axis.
    /// `alternative`: the SVG's text alternative, the title where nil.
    private static func frame(title: String, yLabel: String, scale: Scale, left: Double, format: (Double) -> String, alternative: String? = nil) -> String {
        var svg = "<figure class=\"chart\"><figcaption>\(hKeepingDays(title))</figcaption>"
        svg += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(h(alternative ?? title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for tick in scale.ticks {
            let y = n(scale.y(tick))
            svg += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text x=\"\(Int(left - 8))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(h(format(tick)))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(Int(left))\" x2=\"\(Int(left))\" y1=\"\(Int(top))\" y2=\"\(Int(Scale.bottomY))\"/>"
        svg += "<line class=\"axis\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(Int(Scale.bottomY))\" y2=\"\(Int(Scale.bottomY))\"/>"
        svg += "<text x=\"18\" y=\"\(n((top + Scale.bottomY) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(n((top + Scale.bottomY) / 2)))\">\(h(yLabel))</text>"
        return svg
    }

    /// Category `c` below the axis. When more than `fullLabels` share it, a quarter `2026-Q3` is
    /// written `Q3`, with its year below when it is the first or a Q1 (or its year changed): twelve
    /// years side by side do not fit a narrow screen.
    private static func categoryLabel(_ categories: [String], _ c: Int, x: Double) -> String {
        // A quarter still running (its category ends in `toDate`) says so on the label's second line.
        let partial = categories[c].hasSuffix(toDate)
        let text = partial ? String(categories[c].dropLast(toDate.count)) : categories[c]
        let parts = text.split(separator: "-")
        let y = Int(Scale.bottomY + narrowText + 4)
        // Kept inside the chart's right edge (the last category's, at the narrow screen's text size): half its width left of the edge at most.
        let second = { (line: String) in
            "<tspan x=\"\(n(partial ? min(x, width - 2 - Double(line.count) * narrowText * 0.3) : x))\" dy=\"\(Int(narrowText + 2))\">\(h(line))</tspan>"
        }
        let mark = "to date"
        guard categories.count > fullLabels, parts.count == 2 else {
            return "<text x=\"\(n(x))\" y=\"\(y)\" text-anchor=\"middle\">\(h(text))" + (partial ? second(mark) : "") + "</text>"
        }
        let year = c == 0 || parts[1] == "Q1" || categories[c - 1].split(separator: "-").first != parts[0]
        let line = [year ? String(parts[0]) : nil, partial ? mark : nil].compactMap { $0 }.joined(separator: " ")
        return "<text x=\"\(n(x))\" y=\"\(y)\" text-anchor=\"middle\">\(h(String(parts[1])))" + (line.isEmpty ? "" : second(line)) + "</text>"
    }

    /// The end of a category for a quarter that has not ended by today: drawn as a second line, `to date`.
    static let toDate = " to date"

    /// The quarters of a chart or table not ended by today, in words: the running one counted to date, and those
    /// not started, which have no values (`2026-Q4 to date; 2027-Q1 not started, on 2026-11-30`); nil when every
    /// one has ended. `counted`: the running one is said `counted to date`.
    static func unended(_ labels: [String], running: [Bool], notStarted: [Bool], today: Day, counted: Bool = false) -> String? {
        var parts: [String] = []
        if let last = running.lastIndex(of: true) { parts.append("\(labels[last]) \(counted ? "counted " : "")to date") }
        let ahead = labels.indices.filter { notStarted[$0] }
        if let first = ahead.first, let last = ahead.last {
            parts.append((first == last ? labels[first] : "\(labels[first]) to \(labels[last])") + " not started")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ") + ", on \(today)"
    }

    static func legend(_ names: [String]) -> String {
        guard names.count > 1 else { return "" }
        return "<ul class=\"legend\">" + names.enumerated().map { index, name in
            "<li><span class=\"swatch s\(index % colours.count + 1)\" aria-hidden=\"true\"></span>\(h(name))</li>"
        }.joined() + "</ul>"
    }

    /// Coordinates with one decimal: short and stable.
    static func n(_ value: Double) -> String { Numbers.text(value, places: 1) }

    /// A y axis from 0 (or a round number at or below the smallest value, when one is below 0) to a
    /// round number at or above the largest value, in four or five steps. The ticks are decimals
    /// (a step of 1, 2, 2.5 or 5 times a power of ten, counted in `Decimal`) with no more places than
    /// the labels show, each the double nearest its decimal: a label prints its tick exactly
    /// (0.25, not 0.3 to one place; 0.3, not 0.30000000000000004).
    struct Scale {
        static let bottomY = Charts.height - Charts.bottom
        var ticks: [Double]
        var top: Double
        /// The lowest tick: 0 unless a value is below it.
        var bottom: Double

        /// `integer`: steps of whole units (counts of things). `places`: at most this many decimal
        /// places in a tick (the labels' format shows no more); the step is at least 10^-places.
        /// `fromZero: false`: when every value is above 0 and the smallest is more than half the largest, the
        /// axis starts at a round number at or below the smallest instead of at 0, so that the change shows; the
        /// range is at least a twentieth of the largest value, around the values (a lone one in the middle).
        init(minimum: Double = 0, maximum: Double, integer: Bool = false, places: Int = 6, fromZero: Bool = true) {
            var low = minimum < 0 && minimum.isFinite ? minimum : 0
            var high = maximum > 0 && maximum.isFinite ? maximum : 0
            if !fromZero, minimum.isFinite, minimum > 0, maximum.isFinite, minimum > maximum / 2 {
                // At least a twentieth of the largest value: a lone value, or a change of a few in a million, is not drawn as a leap.
                let pad = max(0, maximum * 0.05 - (maximum - minimum)) / 2
                (low, high) = (minimum - pad, maximum + pad)
            }
            // Without values below 0, the axis reaches at least 1.
            let wanted = low != 0 ? high - low : (high > 0 ? high : 1)
            let raw = wanted / 4
            let places = max(0, places)
            // The first of 1, 2, 2.5, 5 × 10^k (from a power below `raw`'s, as log10 may be a little
            // off) that reaches `raw` and has no more than `places` decimals.
            // (A value past 10^120, beyond what a decimal holds exactly, gets a step of its own size.)
            var power = max(Int((log10(min(raw, 1e120))).rounded(.down)) - 1, -places - 1)
            var step = Decimal(raw)
            search: while power <= 121 {
                for (significand, exponent) in [(1, power), (2, power), (25, power - 1), (5, power)] where -exponent <= places {
                    let candidate = Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand))
                    if Self.double(candidate) >= raw {
                        step = candidate
                        break search
                    }
                }
                power += 1
            }
            if integer {
                let whole = Self.whole(step)
                step = max(1, whole < step ? whole + 1 : whole)
            }
            let stepValue = Self.double(step)
            let first = low != 0 ? Decimal(Int((low / stepValue + 1e-9).rounded(.down))) * step : 0
            let last = low != 0 ? high : wanted
            var exact: [Decimal] = [first]
            while Self.double(exact[exact.count - 1]) < last - 1e-9 * stepValue { exact.append(first + Decimal(exact.count) * step) }
            ticks = exact.map(Self.double)
            top = ticks.last ?? 1
            bottom = ticks.first ?? 0
        }

        /// The double nearest `value` (through its text: `Decimal`'s own conversion may miss by a bit).
        private static func double(_ value: Decimal) -> Double {
            Double(value.description) ?? NSDecimalNumber(decimal: value).doubleValue
        }

        /// `value` without its fraction (rounded toward zero).
        private static func whole(_ value: Decimal) -> Decimal {
            var input = value, result = Decimal()
            NSDecimalRound(&result, &input, 0, .down)
            return result
        }

        func y(_ value: Double) -> Double {
            Scale.bottomY - ((value - bottom) / (top - bottom)) * (Scale.bottomY - Charts.top)
        }
    }
}
