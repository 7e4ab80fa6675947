/// The repository as plain values, decided before any text is written, so that every
/// reference, budget and count can be made consistent first.
struct Plan {
    var squads: [SquadPlan] = []
    var objectives: [ObjectivePlan] = []
    var hypotheses: [HypothesisPlan] = []
    var experiments: [ExperimentPlan] = []
}

struct SquadPlan {
    var id: String
    var name: String
    var mission: String
    var stage: Stage
    var region: String
    var members: [(name: String, role: String)]
    var champion: String
    var currency: String
    /// Set once the experiments are planned: above what they spend in any quarter.
    var quarterlyBudget = 0
    var metrics: [String]
    /// The squad's part of objective ids: `ACT-EMEA`, `ACT-EMEA2`.
    var code: String
    var objectives: [Int] = []
}

struct KeyResultPlan {
    var id: String
    var title: String
    var metric: String
    var baseline: Double
    var target: Double
    var current: Double
    var confidence: Double?
    var decimals: Int
}

struct ObjectivePlan {
    var id: String
    var squad: Int
    var title: String
    var alignsTo: String
    var keyResults: [KeyResultPlan]
}

struct HypothesisPlan {
    var id: String
    var squad: Int
    var title: String
    var change: String
    var audience: String
    var outcome: String
    var rationale: String
    var metric: String
    var expectedLift: Double
    var ice: (impact: Int, confidence: Int, ease: Int)
    /// Set from the experiments that test it.
    var status = "backlog"
    var keyResult: String
    var surface: (surface: String, platforms: [String])
    var segment: (id: String, phrase: String)
    var variantName: String
    /// What the experiment title is made of: the object tested and for whom.
    var object: String
    var industry: String
    var tag: String
}

struct DesignPlan {
    var mde: Double
    var power: Double
    var alpha: Double
    var sampleSize: Int
    var durationDays: Int?
}

struct ResultPlan {
    var outcome: String
    var lift: Double
    var pValue: Double
    var decision: String
    var learnings: [String]
}

/// A growth-council sign-off before launch.
struct ApprovalPlan {
    var by: String
    var role: String
    var date: CalendarDay
    var note: String
}

struct ExperimentPlan {
    var id: String
    var squad: Int
    var title: String
    var hypothesis: Int
    var keyResult: String
    var status: String
    var primary: String
    var guardrails: [String]
    var surface: String
    var segment: String
    var regions: [String]
    var platforms: [String]
    var exclusionGroup: String
    var variants: [(id: String, allocation: Int)]
    var design: DesignPlan?
    var start: CalendarDay?
    var end: CalendarDay?
    var budget: Int
    var result: ResultPlan?
    var approval: ApprovalPlan?
}
