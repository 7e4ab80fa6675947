import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// A commit that changed a key result's `current`.
public struct CheckIn: Sendable, Hashable {
    public var time: Int64
    public var value: Decimal
    public var commit: ObjectID
    public var author: Person
}

public struct LinkedExperiment: Sendable, Hashable {
    public var id: String
    public var title: String?
    /// Its status and outcome when the quarter ended (today while it runs); where a later commit up
    /// to today undid the move it stood at then (`undone`), the ones standing today instead, as
    /// `report experiments` counts that move in no period.
    public var status: ExperimentStatus?
    public var outcome: Outcome?
    /// The move it stood at when the quarter ended, undone by a later commit up to today, and its outcome then.
    public var undone: UndoneMove?
    public var outcomeThen: Outcome?
}

public struct KeyResultLine: Sendable {
    public var id: String
    public var reference: String
    public var title: String?
    public var metric: String?
    public var baseline: Decimal?
    public var target: Decimal?
    /// The value when the quarter began, or the first recorded one for a key result created during it.
    public var startValue: Decimal?
    /// The value when the quarter ended (or now, for the current quarter).
    public var endValue: Decimal?
    /// (end − baseline) / (target − baseline); nil when target equals baseline or a number is missing.
    public var progress: Decimal?
    /// Progress clamped to 0…1.
    public var score: Decimal?
    /// The check-ins during the quarter, oldest first.
    public var checkIns: [CheckIn]
    public var experiments: [LinkedExperiment]
    /// The metric's unit and, for a currency, the squad's currency: how values are shown.
    public var unit: MetricUnit?
    public var currency: String?
    /// Progress judged against the time elapsed in the quarter; nil without a progress.
    public var status: KeyResultStatus?
    /// `confidence` at the quarter's start (or its first value in it), each change during it, oldest first.
    public var confidence: [ConfidencePoint] = []
    /// Commits in the quarter that changed `baseline` or `target`, oldest first: progress is
    /// measured against the values at the end, whatever they were before.
    public var baselineChanges: [KeyResultEdit] = []
    public var targetChanges: [KeyResultEdit] = []

    /// Rising, falling or steady from the confidence at the quarter's start (or its first in it) to
    /// the one at its end, whatever it did between; nil without both (none given, or no longer given at the end).
    public var confidenceTrend: ConfidenceTrend? {
        guard let first = confidence.first?.value, let last = confidenceEnd else { return nil }
        return last > first ? .rising : (last < first ? .falling : .steady)
    }

    /// The confidence at the quarter's end (today while it runs); nil when none is given then.
    public var confidenceEnd: Decimal? { confidence.last?.value }

    /// When a commit in the quarter deleted the confidence or wrote one that is not a confidence
    /// (`high`, `70%`), if it is still not given at the quarter's end (`confidenceGaps` says which).
    public var confidenceRemoved: Int64? {
        guard let last = confidence.last, last.value == nil else { return nil }
        return last.time
    }

    /// The spells in the quarter the confidence was not given after it had been, oldest first: each
    /// from the commit that deleted it (or wrote one that is not a confidence) until it was given again.
    public var confidenceGaps: [ConfidenceGap] {
        var gaps: [ConfidenceGap] = []
        for point in confidence {
            if point.value == nil {
                gaps.append(ConfidenceGap(from: point.time, until: nil, notAConfidence: point.notAConfidence))
            } else if let open = gaps.indices.last, gaps[open].until == nil {
                gaps[open].until = point.time
            }
        }
        return gaps
    }
}

/// A key result's confidence at a moment: nil when a commit deleted it (no longer given) or wrote
/// one that is not a confidence (`notAConfidence`), which the report leaves out as lint does.
public struct ConfidencePoint: Sendable, Hashable {
    public var time: Int64
    public var value: Decimal?
    /// Without a value: a commit wrote something that is not a confidence (`high`, `70%`) rather than deleting it.
    public var notAConfidence = false
}

/// A spell the confidence was not given: from `from` until it was given again (`until`; nil when
/// still not given at the quarter's end), because a commit deleted it or wrote one that is not a confidence.
public struct ConfidenceGap: Sendable, Hashable {
    public var from: Int64
    public var until: Int64?
    public var notAConfidence: Bool
}

public enum ConfidenceTrend: String, Sendable, Hashable {
    case rising, falling, steady
}

/// Where a key result stands against the time gone by in its quarter.
public enum KeyResultStatus: String, Sendable, Hashable {
    case onTrack = "on track"
    case atRisk = "at risk"
    case offTrack = "off track"
    /// The quarter has ended (`OKRReport.complete`) with the target reached: progress 1 or more.
    case achieved
    /// The quarter has ended short of the target.
    case missed
    /// Not yet checked in during the quarter's first `checkInGrace` days, and behind: too early to
    /// call it at risk or off track (its value is the one it started the quarter with).
    case noCheckInYet = "no check-in yet"

    /// How many days into a quarter a key result with no check-in yet is not judged behind: three weeks,
    /// a check-in cycle or two.
    public static let checkInGrace = 21

    /// A key result's status in a report: at the quarter's end (`complete`) achieved or missed; before
    /// it, `progress` against `expected` (`judge(progress:expected:thresholds:)`), except that one not
    /// checked in yet in the quarter's first `checkInGrace` days (`daysIn`) is "no check-in yet" rather than behind.
    public static func judge(progress: Decimal, expected: Decimal, thresholds: KeyResultStatusThresholds,
                             complete: Bool, checkedIn: Bool, daysIn: Int) -> KeyResultStatus {
        if complete { return progress >= 1 ? .achieved : .missed }
        let judged = judge(progress: progress, expected: expected, thresholds: thresholds)
        return judged != .onTrack && !checkedIn && daysIn <= checkInGrace ? .noCheckInYet : judged
    }

    /// A threshold as statuses are judged with it: through the shortest text, so 0.9 is exactly nine
    /// tenths (not the binary double's neighbour).
    static func exact(_ value: Double) -> Decimal { ExactNumber.decimal(String(value)) ?? Decimal(value) }

    /// `progress` against `expected` (the fraction of the quarter elapsed) under `thresholds`.
    public static func judge(progress: Decimal, expected: Decimal, thresholds: KeyResultStatusThresholds) -> KeyResultStatus {
        let onTrack = expected * exact(thresholds.onTrack)
        let atRisk = expected * exact(thresholds.atRisk)
        if progress >= onTrack { return .onTrack }
        return progress >= atRisk ? .atRisk : .offTrack
    }
}

public struct ObjectiveLine: Sendable {
    public var id: String
    public var squad: String
    public var title: String?
    public var alignsTo: String?
    /// Set when the objective first appeared during the quarter.
    public var added: Int64?
    /// Set when it was removed, or moved to another quarter, during the quarter.
    public var dropped: Int64?
    public var keyResults: [KeyResultLine]
    /// Key results a commit in the quarter took out of it (and none put back), oldest id first:
    /// listed under it, not in its score.
    public var keyResultsDropped: [DroppedKeyResult] = []

    /// The mean score of the key results that have one (not those dropped), exact (0.35 and 0.4 give 0.375, shown 0.38).
    public var score: Decimal? { Numbers.mean(keyResults.compactMap(\.score)) }
}

public struct NorthStarRollUp: Sendable {
    public var metric: String
    public var name: String?
    /// The metric's unit as it stood then (a later commit may change it).
    public var unit: MetricUnit?
    /// Objectives of the quarter aligned to the North Star, directly or through other objectives.
    public var objectives: [String]
    /// Mean score over those objectives' key results that have a score.
    public var meanScore: Decimal?
    public var scoredKeyResults: Int
    /// Key results that measure the North Star metric itself.
    public var direct: [String]
}
