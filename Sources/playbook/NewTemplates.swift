import Foundation
import PlaybookModel

/// The files `playbook new` writes; `<…>` marks what the author must fill in (and lint
/// reports every one left, as `placeholder-unfilled`).
enum NewTemplates {
    static let header = "# Replace every <…> placeholder, then run `playbook lint`."

    static func title(_ title: String?, _ placeholder: String) -> String {
        title.map(Templates.quoted) ?? placeholder
    }

    static func hypothesis(id: String, squad: String, title: String?) -> String {
        """
        \(header)
        kind: Hypothesis
        id: \(Templates.scalar(id))
        squad: \(Templates.scalar(squad))
        title: \(self.title(title, "<the idea in one line>"))
        statement:
          change: <we believe that CHANGE>
          audience: <for AUDIENCE>
          outcome: <will OUTCOME>
          rationale: <because RATIONALE, the evidence behind it>
        metric: <metric-id it moves>
        expected_lift: <fraction such as 0.03>
        ice: {impact: <1-10>, confidence: <1-10>, ease: <1-10>}
        status: backlog

        """
    }

    /// What an experiment takes over from its hypothesis and its squad.
    struct ExperimentContext {
        var hypothesis: String?
        /// The hypothesis's metric: the experiment decides on it.
        var metric: String?
        var keyResult: String?
        var currency: String?
    }

    static func experiment(id: String, squad: String, title: String?, context: ExperimentContext) -> String {
        // The currency is spliced into a placeholder's text, so only a code such as EUR is taken over.
        let code = context.currency.flatMap { currency in
            (1...8).contains(currency.count) && currency.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.letters.contains($0) } ? currency : nil
        }
        let money = code.map { "amount in \($0)" } ?? "amount in the squad's currency"
        return """
        \(header)
        kind: Experiment
        id: \(Templates.scalar(id))
        squad: \(Templates.scalar(squad))
        title: \(self.title(title, "<what changes for whom in one line>"))
        hypothesis: \(context.hypothesis.map(Templates.scalar) ?? "<HYP-id it tests>")
        key_result: \(context.keyResult.map(Templates.scalar) ?? "<OKR-…/KR-n it serves>")
        status: draft
        metrics:
          primary: \(context.metric.map(Templates.scalar) ?? "<metric-id it decides on>")
          guardrails: [<metric-id that must not get worse such as refund-rate>]
        surface: <where the change lives such as web/home/banner>
        audience:
          segment: <who is exposed such as trial-users>
          regions: [<region such as emea>]
          platforms: [<web or ios or android or email>]
        variants:
          - {id: control, allocation: 50}
          - {id: treatment, allocation: 50}
        design: {mde: <fraction such as 0.02>, power: 0.8, alpha: 0.05, sample_size: <from the power calculation>, duration_days: <days the sample takes>}
        start: <planned start YYYY-MM-DD>
        end: <planned end YYYY-MM-DD>
        budget: <\(money), counted against the squad's quarterly cap>

        """
    }

    static func objective(id: String, squad: String, quarter: Quarter, title: String?, northStar: String?) -> String {
        """
        \(header)
        kind: Objective
        id: \(Templates.scalar(id))
        squad: \(Templates.scalar(squad))
        quarter: \(quarter)
        title: \(self.title(title, "<the qualitative goal>"))
        aligns_to: \(northStar.map(Templates.scalar) ?? "<the North Star metric id>")
        key_results:
          - id: KR-1
            title: <the measurable result>
            metric: <metric-id>
            baseline: <value now>
            target: <value aimed for>
            current: <value now; each change of it is a check-in>
            confidence: <fraction 0-1, how sure the squad is of reaching the target>

        """
    }

    static func metric(id: String, owner: String, title: String?) -> String {
        """
        \(header)
        kind: Metric
        id: \(Templates.scalar(id))
        name: \(self.title(title, "<human name>"))
        description: <what it measures and how>
        event: <analytics event such as order.completed>
        unit: <percent, count, currency, ratio or duration>
        direction: <increase or decrease>
        owner: \(Templates.scalar(owner))

        """
    }

    static func squad(id: String, title: String?) -> String {
        """
        \(header)
        kind: Squad
        id: \(Templates.scalar(id))
        name: \(self.title(title, "<human name>"))
        mission: <what this squad moves and for whom>
        funnel_stage: <acquisition, activation, retention, referral or revenue>
        region: <such as emea or global>
        members:
          - {name: <full name>, role: <role such as product manager>}
        champion: <the member who speaks for the squad>
        budget: {quarterly: <cap on experiment budgets per quarter>, currency: <ISO code such as EUR>}
        metrics: []

        """
    }
}
