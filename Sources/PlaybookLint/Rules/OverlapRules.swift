import Dispatch
import PlaybookModel
import PlaybookOverlaps

/// Two experiments for the overlap examples, on one surface at one time for everyone.
private func collidingPair(second: [String: String] = [:], adding: String = "", title: String = "Annual plan banner on the home page",
                           markFirst: Bool = false, markSecond: Bool = false) -> String {
    let first = exampleExperiment([
        "id": (markFirst ? "↓" : "") + "EXP-0002", "surface": "web/home/banner", "title": title,
    ])
    var changes = [
        "id": (markSecond ? "↓" : "") + "EXP-0003", "squad": "checkout-emea", "surface": "web/home/banner/copy",
        "title": "Winter sale countdown", "hypothesis": "HYP-0010", "metrics": "{primary: net-revenue, guardrails: [refund-rate]}",
    ]
    changes.merge(second) { _, new in new }
    // The checkout squad's hypothesis, after the pair (so that the marks keep their lines), when the second names it.
    let hypothesis = changes["hypothesis"] == "HYP-0010" ? "\n---\n" + checkoutHypothesis : ""
    return first + "\n---\n" + exampleExperiment(changes, adding: adding) + hypothesis
}

/// Two hypotheses of different squads; `second` is the other squad's wording.
private func hypothesisPair(second: String, marked: Bool) -> String {
    func hypothesis(_ id: String, _ squad: String, _ title: String, _ change: String, _ audience: String) -> String {
        """
        kind: Hypothesis
        id: \(marked ? "↓" : "")\(id)
        squad: \(squad)
        title: \(title)
        statement:
          change: \(change)
          audience: \(audience)
          outcome: more of them come back the next day
          rationale: half of the lapsed streaks end on an evening without practice
        metric: d1-retention
        expected_lift: 0.02
        ice: {impact: 6, confidence: 5, ease: 7}
        status: backlog
        """
    }
    return hypothesis("HYP-0002", "activation-emea", "Streak reminders bring learners back",
                      "send a push reminder in the evening when a streak is at risk", "learners with an active streak")
        + "\n---\n" + hypothesis("HYP-0003", "checkout-emea", second,
                                 "notify users at night if they have not practised and their streak will break", "users who have a running streak")
}

/// The streak hypothesis again, changed only for `audience` (another segment or platform).
private func relatedPair(audience: String, marked: Bool) -> String {
    hypothesisPair(second: "Streak reminders bring learners back", marked: marked)
        .replacing("notify users at night if they have not practised and their streak will break",
                   with: "send a push reminder in the evening when a streak is at risk")
        .replacing("audience: users who have a running streak", with: "audience: \(audience)")
}

/// Turns found overlaps into findings on both sides; acknowledged ones become notes of
/// `overlap-acknowledged`, so a council's review is visible but fails nothing, and related
/// work becomes notes of `overlap-related`. `duplicatesPerEntity`: at most this many duplicate
/// findings on each entity (`DuplicateCap`); nil: one per duplicate and side.
private func findings(_ overlaps: consuming [Overlap], kinds: Set<OverlapKind>, duplicatesPerEntity: Int? = nil,
                      context: RuleContext) -> [LocatedDiagnostic] {
    let list = consume overlaps
    // Two findings for each overlap of `kinds`, one per side: where each goes is known before it is
    // written, so the chunks over the cores write the one list in place (a large playbook has tens
    // of thousands of overlaps; joining chunks' lists copied each finding, a retain per field).
    // Related work capped per entity: a note only on the sides among whose closest it is.
    let cap = context.relatedPerEntity
    // The kinds asked for, looked up once (not hashed for each overlap and side).
    let (duplicates, collisions, related) = (kinds.contains(.duplicate), kinds.contains(.collision), kinds.contains(.related))
    @Sendable func wanted(_ kind: OverlapKind) -> Bool {
        switch kind {
        case .duplicate: duplicates
        case .collision: collisions
        case .related: related
        }
    }
    // Each overlap read in place (taken out of the list, each was a copy: a retain of each of its fields).
    let out = list.withUnsafeBufferPointer { overlaps in
        let duplicateCap = duplicatesPerEntity.map { DuplicateCap(overlaps, perEntity: $0) }
        nonisolated(unsafe) let first = overlaps.baseAddress
        // (Each overlap through a pointer: passed as a value, an element of the list was copied, a retain
        // and a release of each of its fields, for every side asked about and every finding written.)
        @Sendable func noted(_ overlap: UnsafePointer<Overlap>, _ side: Int) -> Bool {
            guard wanted(overlap.pointee.kind) else { return false }
            if overlap.pointee.kind == .duplicate, let duplicateCap { return duplicateCap.noted(first.map { overlap - $0 } ?? 0, side: side) }
            guard overlap.pointee.kind == .related, let cap, overlap.pointee.relatedRanks.count == 2 else { return true }
            return overlap.pointee.relatedRanks[side] <= cap
        }
        var total = 0
        let starts = overlaps.indices.map { index in
            defer { total += (noted(overlaps.baseAddress! + index, 0) ? 1 : 0) + (noted(overlaps.baseAddress! + index, 1) ? 1 : 0) }
            return total
        }
        let chunk = 1024
        let chunks = (overlaps.count + chunk - 1) / chunk
        return [LocatedDiagnostic](unsafeUninitializedCapacity: total) { buffer, initialized in
            nonisolated(unsafe) let (buffer, overlaps) = (buffer, overlaps)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for index in (c * chunk)..<min(overlaps.count, (c + 1) * chunk) where wanted(overlaps[index].kind) {
                    var at = starts[index]
                    let overlap = overlaps.baseAddress! + index
                    for side in 0..<2 where noted(overlap, side) {
                        let more = duplicateCap?.more(index, side: side, entity: overlap.pointee.sides[side].id)
                        (buffer.baseAddress! + at).initialize(to: finding(overlap, side: side, moreDuplicates: more, context: context))
                        at += 1
                    }
                }
            }
            initialized = total
        }
    }
    Parting.release(consume list)
    return out
}

/// A message measured by `measure`, then written by `write` (the same writer, passed once per kind
/// of text) into one allocation of its length: appended to a `String` piece by piece, each of
/// hundreds of thousands of findings paid checks of uniqueness, capacity and ASCII-ness per piece.
private func measuredMessage(_ measure: (inout MessageLength) -> Void, _ write: (inout MessageBytes) -> Void) -> String {
    var length = MessageLength()
    measure(&length)
    return String(unsafeUninitializedCapacity: length.count) { buffer in
        var bytes = MessageBytes(buffer)
        write(&bytes)
        return bytes.count
    }
}

/// How every overlap finding opens: "`side` `what` `other` of squad S (file:line): `reason`".
private func writeOpening(side: OverlapSide, what: String, other: OverlapSide, reason: String, into message: inout some MessageText) {
    message.append(side.id)
    message.append(" ")
    message.append(what)
    message.append(" ")
    message.append(other.id)
    if let squad = other.squad {
        message.append(" of squad ")
        message.append(squad)
    }
    message.append(" (")
    message.append(other.file)
    message.append(":")
    message.appendDecimal(other.mark.line)
    message.append("): ")
    message.append(reason)
}

/// The finding on `side` of `overlap` (read in place), naming `other`. `moreDuplicates`: on the last
/// duplicate noted on a capped entity, how many more it has (`DuplicateCap`).
private func finding(_ overlap: UnsafePointer<Overlap>, side index: Int, moreDuplicates: Int? = nil, context: RuleContext) -> LocatedDiagnostic {
    let (side, other) = (overlap.pointee.sides[index], overlap.pointee.sides[1 - index])
    let kind = overlap.pointee.kind
    let what = switch kind {
    case .collision: "collides with"
    case .duplicate: "duplicates"
    case .related: "is related to"
    }
    // Acknowledged related work is acknowledged too: the summary counts the notes of that one rule, and the
    // machine formats must name the rule the README does (it kept `overlap-related`: 6 notes listed, 4 counted).
    let rule = overlap.pointee.acknowledgedBy != nil ? OverlapAcknowledged.descriptor.id
        : kind == .related ? OverlapRelated.descriptor.id : context.rule.id
    func write(_ message: inout some MessageText) {
        writeOpening(side: side, what: what, other: other, reason: overlap.pointee.reason, into: &message)
        if kind == .related {
            if let reviewer = overlap.pointee.acknowledgedBy {
                message.append("; acknowledged by ")
                message.append(reviewer)
            } else {
                message.append("; read its learnings before testing")
            }
            // The last of a capped entity's notes counts the related entities not noted.
            if let cap = context.relatedPerEntity, overlap.pointee.relatedRanks.count == 2, overlap.pointee.relatedTotals[index] > cap,
               overlap.pointee.relatedRanks[index] == cap {
                message.append("; ")
                message.append(side.id)
                message.append(" is related to ")
                message.appendDecimal(overlap.pointee.relatedTotals[index] - cap)
                if cap == 1 {
                    message.append(" more (the closest is")
                } else {
                    message.append(" more (the ")
                    message.appendDecimal(cap)
                    message.append(" closest are")
                }
                message.append(" noted; `playbook overlaps` lists all)")
            }
        } else if let reviewer = overlap.pointee.acknowledgedBy {
            message.append("; acknowledged by ")
            message.append(reviewer)
        } else {
            message.append("; ")
            writeNextStep(side: side, other: other, kind: kind, mode: context.mode, into: &message)
        }
        // The last of a capped entity's duplicates counts those not noted.
        if let more = moreDuplicates, let cap = Int(exactly: context.option("per_entity")) {
            message.append("; ")
            message.append(side.id)
            message.append(" duplicates ")
            message.appendDecimal(more)
            if cap == 1 {
                message.append(" more (the closest is")
            } else {
                message.append(" more (the ")
                message.appendDecimal(cap)
                message.append(" closest are")
            }
            message.append(" noted; `playbook overlaps` lists all)")
        }
    }
    let message = measuredMessage(write, write)
    return LocatedDiagnostic(file: side.file, diagnostic: Diagnostic(
        rule: rule, mark: side.mark, message: message, entity: side.id, related: [other.id]))
}

/// What to do next about an overlap, appended to `text` (a finding's message is measured, then written whole into one buffer).
private func writeNextStep(side: OverlapSide, other: OverlapSide, kind: OverlapKind, mode: LintMode, into text: inout some MessageText) {
    if mode == .staged, side.squad != other.squad {
        text.append("the PR needs a council approval before it merges; once the council has reviewed it, ")
    } else {
        switch kind {
        case .collision:
            // The collision's reason already says what to change (exclusion group, dates, audience).
            text.append("or once a council has reviewed it, ")
        case .duplicate:
            text.append("merge the work, or once a council has reviewed it, ")
        case .related:
            text.append("read its learnings before testing")
            return
        }
    }
    text.append("add `approvals: [{by: NAME, role: council, date: YYYY-MM-DD, overlaps: [")
    text.append(other.id)
    text.append("]}]` to ")
    text.append(side.id)
    text.append(" in ")
    text.append(side.file)
}

/// The same idea tested by two squads.
public enum OverlapDuplicate: RepositoryRule {
    /// How many texts not yet in the embedding cache one `lint` run encodes per kind of entity (about
    /// 4–8 s of CPU): a first lint of a playbook of thousands of hypotheses would otherwise spend
    /// minutes encoding them (6,400 hypotheses and 8,000 experiment titles take about 80 s of CPU).
    public static let defaultEncodeLimit = 1_000

    /// Duplicate findings per entity unless configured: 1,000 copies of one idea filed by four squads
    /// were 750,000 findings; a real playbook's entity has a handful of duplicates at most.
    public static let defaultPerEntity = 20

    /// How many new texts one run encodes (`encode_limit` under this rule in `.playbook.yml`, else
    /// `defaultEncodeLimit`): what `lint` and `review` pass to the embedding engine.
    public static func encodeLimit(in configuration: Configuration) -> Int {
        configuration.options[descriptor.id]?["encode_limit"].map { Int($0) } ?? defaultEncodeLimit
    }

    public static let descriptor = RuleDescriptor(
        id: "overlap-duplicate", severity: .warning,
        summary: "Two hypotheses (or two experiments) of different squads test the same idea in other words.",
        details: "Hypotheses are duplicates when they make the same change (title and change read alike), go the same way, toward the same metric (the same id, or catalog entries with the same event), for audiences that can overlap (no platform, region, surface or segment named on both sides that differs); experiments likewise on title, primary metric, surface and audience, and through their hypotheses: two experiments testing hypotheses that are duplicates are duplicates too unless their own metric, surface, audience, platform or region tell them apart (then they are related work). Texts are compared by words (normalised, stemmed with Snowball, synonym-folded, TF-IDF over words plus character trigrams) and, when a sentence-embedding model is installed, by meaning (all-MiniLM-L6-v2's vectors through a linear map learned for duplicates on the project's labelled growth pairs, unless `meaning_map` is false; the higher of the two scores counts); pairs at or above `threshold_percent` ÷ 100 are reported with the fields that match and the terms they share. A similar pair that differs in a field is `overlap-related` instead. Each hypothesis or experiment gets at most `per_entity` duplicate findings (default 20): its closest duplicates by score (ties by id; pairs an approval acknowledges after all the others), the last of them counting the others; `playbook overlaps` lists every pair. A warning, not an error: similarity is a judgement, and two squads may rightly test one idea in different markets — say so with an approval naming the other entity. `playbook overlaps` shows the same pairs grouped as clusters.",
        options: [
            // Options are whole numbers, so the score threshold is given in hundredths.
            RuleOption("threshold_percent", (OverlapOptions.defaultThreshold * 100).rounded(),
                       "score, in hundredths (40 = 0.40), at or above which two texts are duplicates", range: 0...100),
            .offSwitch("same_squad", "true to compare work within one squad too (1 and 0 read as true and false)"),
            RuleOption("per_entity", Double(OverlapDuplicate.defaultPerEntity),
                       "at most this many duplicate findings per hypothesis or experiment, its closest duplicates by score (0: every pair)"),
            RuleOption("encode_limit", Double(OverlapDuplicate.defaultEncodeLimit),
                       "texts not yet in the embedding cache that one `lint` run encodes per kind of entity; past it, that kind's duplicates are compared by words and the summary says so (`playbook overlaps` or `lint --engine model` encodes them all, once)"),
            OverlapDuplicate.meaningMapOption,
        ],
        triggering: [
            hypothesisPair(second: "Evening nudge to save the streak", marked: true),
            collidingPair(second: ["start": "2026-12-15", "end": "2027-01-18", "title": "Show an annual plan banner on the home screen",
                                   "hypothesis": "HYP-0001", "metrics": "{primary: d1-retention, guardrails: [refund-rate]}"],
                          title: "Annual-plan banner on the home page", markFirst: true, markSecond: true),
        ],
        passing: [
            hypothesisPair(second: "Streak freeze for weekend learners", marked: false)
                .replacing("notify users at night if they have not practised and their streak will break", with: "offer one free streak freeze a week"),
            collidingPair(second: ["start": "2026-12-15", "end": "2027-01-18", "title": "Streak freeze for weekend learners"]),
        ]
    )

    /// On by default: all-MiniLM-L6-v2's vectors go through the map learned for duplicates (`MeaningAdapter`).
    public static let meaningMapOption: RuleOption = {
        var option = RuleOption("meaning_map", 1, "true (the default) to compare all-MiniLM-L6-v2's vectors through the linear map learned for duplicates on the project's labelled growth pairs; false for the model's own vectors (1 and 0 read as true and false)", range: 0...1)
        option.isSwitch = true
        return option
    }()

    public static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let options = OverlapOptions(threshold: context.option("threshold_percent") / 100,
                                     sameSquad: context.option("same_squad") != 0, relatedPerEntity: context.relatedPerEntity,
                                     meaningMap: context.option("meaning_map") != 0)
        let perEntity = Int(context.option("per_entity"))
        return findings(OverlapFinder.duplicates(context.entities, options: options, encoder: context.encoder), kinds: [.duplicate, .related],
                        duplicatesPerEntity: perEntity > 0 ? perEntity : nil, context: context)
    }
}

/// Two live experiments contaminating each other.
public enum OverlapCollision: RepositoryRule {
    public static let descriptor = RuleDescriptor(
        id: "overlap-collision", severity: .error,
        summary: "Two experiments run at the same time on the same or a nested surface for overlapping audiences, outside a shared exclusion group.",
        details: "Running and paused experiments count over `start`–`end`, ready ones over their planned dates; a missing `end` is open-ended. Surfaces collide when equal or when one is a `/`-prefix of the other; audiences overlap unless the segments differ or regions or platforms are disjoint (a missing field means everyone). Both results are contaminated, so this is an error: share an `exclusion_group`, move the dates, or split the audience — or, once a council has reviewed it, name the other experiment in an approval's `overlaps`. Each collision is a finding on both experiments, but an experiment that collides with more than `per_experiment` others (default 200) gets one finding instead, counting them and naming its first 20 by id (those of its own squad first, since a gate may make collisions across squads warnings, and pairs an approval acknowledges last), so a crowded surface gives a list a person can read; `playbook overlaps` lists such an experiment's collisions as one entry likewise (0 lists every pair in both).",
        options: [
            RuleOption("per_experiment", Double(OverlapCollision.defaultPerExperiment),
                       "an experiment colliding with more than this many gets one finding naming its first 20 instead of one per collision (0: one per collision always)"),
        ],
        triggering: [collidingPair(markFirst: true, markSecond: true)],
        passing: [
            collidingPair(second: ["start": "2026-12-15", "end": "2027-01-18"]),
            collidingPair(adding: "exclusion_group: home-banner")
                .replacing("surface: web/home/banner\n", with: "surface: web/home/banner\nexclusion_group: home-banner\n", maxReplacements: 1),
            collidingPair(second: ["surface": "web/home/banner-v2"]),
        ]
    )

    /// Collisions of one experiment listed one by one unless configured: 2,000 experiments live on one
    /// surface are 2 million pairs, 4 million findings (31 s and 3.7 GB of lint) that nobody reads; the
    /// generated playbooks of ordinary shapes (`scripts/bench-lint-shapes-generate.py`) have at most
    /// 77–162 collisions an experiment at 8,000 experiments, all listed as before.
    public static let defaultPerExperiment = 200

    /// How many colliding experiments a crowded experiment's one finding names.
    public static let listed = CollisionGraph.listedWhenCrowded

    public static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let limit = Int(context.option("per_experiment"))
        guard limit > 0 else { return collisionFindings(CollisionGraph(context.entities, today: context.today), context: context) }
        return cappedCollisionFindings(CollisionGraph(context.entities, today: context.today, kept: max(limit, listed), keptWhenCrowded: listed),
                                       limit: limit, context: context)
    }
}

/// Each experiment's collisions (`CollisionGraph.forEachReported`), worded as `collisionFinding`
/// words them, or one `crowdFinding` for an experiment with more than `limit`; written over the
/// cores, experiment by experiment.
private func cappedCollisionFindings(_ graph: CollisionGraph, limit: Int, context: RuleContext) -> [LocatedDiagnostic] {
    let experiments = graph.experimentCount
    var counted = [Int](repeating: 0, count: experiments + 1)
    for r in 0..<experiments { counted[r + 1] = counted[r] + graph.reported(rank: r, limit: limit) }
    let starts = counted
    let total = starts[experiments]
    let chunk = 256
    let chunks = (experiments + chunk - 1) / chunk
    return [LocatedDiagnostic](unsafeUninitializedCapacity: total) { buffer, initialized in
        nonisolated(unsafe) let buffer = buffer
        var written = [Int](repeating: 0, count: chunks)
        written.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let counts = counts
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let ranks = (c * chunk)..<min(experiments, (c + 1) * chunk)
                var at = starts[ranks.lowerBound]
                graph.forEachReported(ranks: ranks, limit: limit, listed: OverlapCollision.listed) { side, other, reason, reviewer in
                    (buffer.baseAddress! + at).initialize(to: collisionFinding(side: side, other: other, reason: reason, reviewer: reviewer, context: context))
                    at += 1
                } crowd: { side, crowd in
                    (buffer.baseAddress! + at).initialize(to: crowdFinding(side: side, crowd: crowd, context: context))
                    at += 1
                }
                counts[c] = at - starts[ranks.lowerBound]
            }
        }
        // Each chunk's findings moved up to the end of the previous ones, were a pair ever skipped.
        var end = 0
        for c in 0..<chunks {
            let from = starts[c * chunk]
            if end != from { (buffer.baseAddress! + end).moveInitialize(from: buffer.baseAddress! + from, count: written[c]) }
            end += written[c]
        }
        initialized = end
    }
}

/// Two findings for each collision, one per side, in `findings`' order, as it words them, read
/// from the graph pair by pair over the cores: a playbook where one surface is busy has hundreds
/// of thousands of collisions, and each built as an `Overlap` first (its reason, its sides, sorted,
/// then copied into the findings) was most of this check's time, on one thread.
private func collisionFindings(_ graph: CollisionGraph, context: RuleContext) -> [LocatedDiagnostic] {
    let pairs = graph.count
    let chunk = 1024
    let chunks = (pairs + chunk - 1) / chunk
    return [LocatedDiagnostic](unsafeUninitializedCapacity: 2 * pairs) { buffer, initialized in
        nonisolated(unsafe) let buffer = buffer
        var written = [Int](repeating: 0, count: chunks)
        written.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let counts = counts
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var at = 2 * c * chunk
                graph.forEachCollision(in: (c * chunk)..<min(pairs, (c + 1) * chunk)) { low, high, reason, reviewer in
                    (buffer.baseAddress! + at).initialize(to: collisionFinding(side: low, other: high, reason: reason, reviewer: reviewer, context: context))
                    (buffer.baseAddress! + at + 1).initialize(to: collisionFinding(side: high, other: low, reason: reason, reviewer: reviewer, context: context))
                    at += 2
                }
                counts[c] = at - 2 * c * chunk
            }
        }
        // Each chunk's findings moved up to the end of the previous ones, were a pair ever skipped.
        var end = 0
        for c in 0..<chunks {
            if end != 2 * c * chunk { (buffer.baseAddress! + end).moveInitialize(from: buffer.baseAddress! + 2 * c * chunk, count: written[c]) }
            end += written[c]
        }
        initialized = end
    }
}

/// The one finding on an experiment that collides with too many to list one by one: how many,
/// where, when, and the first of them (an error while one of those is unacknowledged).
private func crowdFinding(side: OverlapSide, crowd: CollisionGraph.Crowd, context: RuleContext) -> LocatedDiagnostic {
    func write(_ message: inout some MessageText) {
        message.append(side.id)
        message.append(" collides with ")
        message.appendDecimal(crowd.total)
        message.append(" experiments on ")
        message.append(crowd.surface.isEmpty ? "no surface" : crowd.surface)
        message.append(" or a surface nested with it while it is live ")
        message.append(crowd.window)
        message.append(", too many to list one by one; the first ")
        message.appendDecimal(crowd.listed.count)
        message.append(" (by id, its own squad's first, acknowledged ones last): ")
        for (k, listed) in crowd.listed.enumerated() {
            if k > 0 { message.append(", ") }
            message.append(listed.side.id)
            if let squad = listed.side.squad {
                message.append(" of squad ")
                message.append(squad)
            }
            message.append(" (")
            message.append(listed.side.file)
            message.append(":")
            message.appendDecimal(listed.side.mark.line)
            message.append(")")
            if let reviewer = listed.reviewedBy {
                message.append(" acknowledged by ")
                message.append(reviewer)
            }
        }
        if crowd.total > crowd.listed.count {
            message.append(", and ")
            message.appendDecimal(crowd.total - crowd.listed.count)
            message.append(" more")
        }
        message.append("; share `exclusion_group`s, move dates or split audiences (`per_experiment: 0` lists every pair)")
    }
    let message = measuredMessage(write, write)
    // Unacknowledged pairs come first: when the first is acknowledged, all are.
    let acknowledged = crowd.listed.first?.reviewedBy != nil
    return LocatedDiagnostic(file: side.file, diagnostic: Diagnostic(
        rule: acknowledged ? OverlapAcknowledged.descriptor.id : context.rule.id, mark: side.mark, message: message,
        entity: side.id, related: crowd.listed.map(\.side.id)))
}

/// The finding on `side` of a collision, as `finding(_:side:context:)` words it.
private func collisionFinding(side: OverlapSide, other: OverlapSide, reason: String, reviewer: String?, context: RuleContext) -> LocatedDiagnostic {
    func write(_ message: inout some MessageText) {
        writeOpening(side: side, what: "collides with", other: other, reason: reason, into: &message)
        if let reviewer {
            message.append("; acknowledged by ")
            message.append(reviewer)
        } else {
            message.append("; ")
            writeNextStep(side: side, other: other, kind: .collision, mode: context.mode, into: &message)
        }
    }
    let message = measuredMessage(write, write)
    return LocatedDiagnostic(file: side.file, diagnostic: Diagnostic(
        rule: reviewer == nil ? context.rule.id : OverlapAcknowledged.descriptor.id, mark: side.mark, message: message,
        entity: side.id, related: [other.id]))
}

/// The same change made for another audience, metric, platform, region or surface, or the
/// opposite change: related work, worth reading, not duplicated.
public enum OverlapRelated: RepositoryRule {
    public static let descriptor = RuleDescriptor(
        id: "overlap-related", severity: .note,
        summary: "Two hypotheses (or two experiments) of different squads make a similar change but differ in direction, metric, audience, platform, region or surface.",
        details: "Found by the `overlap-duplicate` check (and turned off with it): a pair whose changes read alike (at least 0.1 above its threshold) but that goes the opposite way (add / remove, show / hide, earlier / later, more / fewer, a negation), aims at another metric (metrics compare through the catalog: the same id, or entries with the same event), or names another platform, region, surface or segment is not duplicated work. The note names the fields that match and those that differ, with the words that differ, so the other squad's learnings are read before testing. Each hypothesis or experiment gets at most `per_entity` of these notes (default 3): its closest related work by score (ties by id; pairs an approval acknowledges after all the others), the last of them counting the others; `playbook overlaps` lists every related pair. With the rule off, related work is not looked for.",
        options: [
            RuleOption("per_entity", Double(OverlapRelated.defaultPerEntity),
                       "at most this many notes per hypothesis or experiment, its closest related work by score (0: every related pair)"),
        ],
        triggering: [relatedPair(audience: "lapsed learners who lost their streak last month", marked: true)],
        passing: [
            hypothesisPair(second: "Streak freeze for weekend learners", marked: false)
                .replacing("notify users at night if they have not practised and their streak will break", with: "offer one free streak freeze a week"),
        ]
    )

    /// Notes per entity unless configured: nobody reads the 258 related notes one experiment of a
    /// playbook of look-alike wording got uncapped.
    public static let defaultPerEntity = 3

    /// Its findings come from `overlap-duplicate`.
    public static func check(_ context: RuleContext) -> [LocatedDiagnostic] { [] }
}

/// An overlap a council has reviewed: shown as a note, failing nothing.
public enum OverlapAcknowledged: RepositoryRule {
    public static let descriptor = RuleDescriptor(
        id: "overlap-acknowledged", severity: .note,
        summary: "A duplicate, collision or related work that an approval on either entity acknowledges by naming the other in `overlaps`.",
        details: "Hypotheses and experiments both take `approvals: [{by, role, date, note, overlaps: [ID…]}]`; an experiment's approval also covers its hypothesis. The `overlap-duplicate` and `overlap-collision` checks report reviewed overlaps (related work too) under this rule instead of their own, as notes: `playbook lint` counts them in its summary and lists them with `--verbose`; the machine formats (json, sarif, junit) always carry them.",
        triggering: [
            collidingPair(adding: "approvals: [{by: Growth council, role: council, date: 2026-10-28, overlaps: [EXP-0002]}]",
                          markFirst: true, markSecond: true),
            hypothesisPair(second: "Evening nudge to save the streak", marked: true)
                + "\napprovals: [{by: Growth council, role: council, date: 2026-10-28, overlaps: [HYP-0002]}]",
        ],
        passing: [collidingPair(second: ["surface": "web/pricing"])]
    )

    /// Its findings come from the two checks above.
    public static func check(_ context: RuleContext) -> [LocatedDiagnostic] { [] }
}
