/// The funnel stages of DESIGN.md, in the order squads are handed out.
enum Stage: String, CaseIterable {
    case acquisition, activation, retention, referral, revenue

    /// Short code used in objective ids (`OKR-2026Q3-ACT-EMEA-1`).
    var code: String {
        switch self {
        case .acquisition: "ACQ"
        case .activation: "ACT"
        case .retention: "RET"
        case .referral: "REF"
        case .revenue: "REV"
        }
    }
}

/// One metric of the catalog, with the range its values live in.
struct MetricDefinition {
    var id: String
    var name: String
    var description: String
    var event: String
    var unit: String
    var increases: Bool
    /// The stage whose first squad owns the metric.
    var stage: Stage
    var northStar = false
    /// Where a key result's baseline is drawn from, and how many decimals it is written with.
    var baseline: ClosedRange<Double>
    var decimals: Int
}

/// A company's metric catalog: twelve or so metrics, one of them the North Star.
enum MetricCatalog {
    static let northStar = "weekly-active-teams"

    static let all: [MetricDefinition] = [
        MetricDefinition(
            id: northStar, name: "Weekly active teams",
            description: "Teams with at least three members who each complete a task in a rolling 7-day window. Our North Star: it moves only when teams actually work in the product together.",
            event: "team.active_weekly", unit: "count", increases: true, stage: .retention, northStar: true,
            baseline: 20_000...90_000, decimals: 0),
        MetricDefinition(
            id: "visit-to-signup-rate", name: "Visit-to-signup rate",
            description: "Share of unique landing-page or store-listing visitors who create an account within 24 hours.",
            event: "user.signup", unit: "percent", increases: true, stage: .acquisition,
            baseline: 2.0...9.0, decimals: 1),
        MetricDefinition(
            id: "paid-signups", name: "Paid-channel signups per week",
            description: "New accounts whose first touch carries a paid click id, counted per calendar week.",
            event: "user.signup_attributed", unit: "count", increases: true, stage: .acquisition,
            baseline: 1_500...12_000, decimals: 0),
        MetricDefinition(
            id: "activation-rate", name: "Team activation rate",
            description: "Share of new teams that create a project and invite a teammate within 7 days of signing up.",
            event: "team.activated", unit: "percent", increases: true, stage: .activation,
            baseline: 18.0...45.0, decimals: 1),
        MetricDefinition(
            id: "time-to-first-value", name: "Time to first value",
            description: "Median days from signup to the first completed project milestone.",
            event: "project.first_value", unit: "duration", increases: false, stage: .activation,
            baseline: 2.5...9.0, decimals: 1),
        MetricDefinition(
            id: "day-30-retention", name: "Day-30 team retention",
            description: "Share of activated teams still active 30 days after activation.",
            event: "team.retained_d30", unit: "percent", increases: true, stage: .retention,
            baseline: 30.0...62.0, decimals: 1),
        MetricDefinition(
            id: "monthly-churn", name: "Monthly logo churn",
            description: "Share of paying accounts at the start of a month that cancel during it.",
            event: "subscription.cancelled", unit: "percent", increases: false, stage: .retention,
            baseline: 1.5...6.0, decimals: 1),
        MetricDefinition(
            id: "email-unsubscribe-rate", name: "Email unsubscribe rate",
            description: "Unsubscribes per delivered lifecycle email, over a rolling 28 days.",
            event: "email.unsubscribed", unit: "percent", increases: false, stage: .retention,
            baseline: 0.2...1.2, decimals: 2),
        MetricDefinition(
            id: "invites-per-team", name: "Invites sent per active team",
            description: "Invitations sent to people outside the account, per weekly active team.",
            event: "referral.invite_sent", unit: "ratio", increases: true, stage: .referral,
            baseline: 0.3...1.6, decimals: 2),
        MetricDefinition(
            id: "referral-signups", name: "Referral signups per month",
            description: "New accounts created from an invitation or a referral link, per calendar month.",
            event: "referral.signup", unit: "count", increases: true, stage: .referral,
            baseline: 800...9_000, decimals: 0),
        MetricDefinition(
            id: "trial-to-paid", name: "Trial-to-paid conversion",
            description: "Share of trials that start a paid subscription within 7 days of the trial's end.",
            event: "subscription.started", unit: "percent", increases: true, stage: .revenue,
            baseline: 8.0...24.0, decimals: 1),
        MetricDefinition(
            id: "revenue-per-account", name: "Average revenue per account (EUR)",
            description: "Monthly recurring revenue divided by paying accounts, in EUR at the month's finance rate.",
            event: "invoice.paid", unit: "currency", increases: true, stage: .revenue,
            baseline: 24.0...140.0, decimals: 2),
        MetricDefinition(
            id: "refund-rate", name: "Refund rate",
            description: "Share of first invoices refunded within 30 days.",
            event: "invoice.refunded", unit: "percent", increases: false, stage: .revenue,
            baseline: 0.8...4.5, decimals: 1),
    ]

    static let byID: [String: MetricDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The metrics a squad of `stage` drives: its key results and hypotheses use these.
    static func driven(by stage: Stage) -> [String] {
        switch stage {
        case .acquisition: ["visit-to-signup-rate", "paid-signups"]
        case .activation: ["activation-rate", "time-to-first-value"]
        case .retention: ["day-30-retention", "monthly-churn", northStar]
        case .referral: ["invites-per-team", "referral-signups"]
        case .revenue: ["trial-to-paid", "revenue-per-account"]
        }
    }

    /// Metrics experiments watch so a win on the primary metric cannot hide harm elsewhere.
    static func guardrails(for stage: Stage) -> [String] {
        switch stage {
        case .acquisition: ["activation-rate", "refund-rate", "email-unsubscribe-rate"]
        case .activation: ["day-30-retention", "email-unsubscribe-rate", "monthly-churn"]
        case .retention: ["email-unsubscribe-rate", "refund-rate", "time-to-first-value"]
        case .referral: ["email-unsubscribe-rate", "activation-rate", "monthly-churn"]
        case .revenue: ["refund-rate", "monthly-churn", "day-30-retention"]
        }
    }
}
