import Foundation

/// The experiments and hypotheses the takeover suites exchange, rename and copy: two running variants of one
/// template that differ in title and hypothesis, and numbered hypotheses.
enum TakeoverFixtures {
    static let variantA = """
        kind: Experiment
        id: EXP-0003
        squad: growth
        title: Signup variant A
        hypothesis: HYP-0001
        status: running
        metrics:
          primary: signup-rate
        surface: web/signup
        design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 12000}
        start: 2026-07-04
        end: 2026-07-30

        """
    static var variantB: String {
        variantA.replacing("id: EXP-0003", with: "id: EXP-0004").replacing("title: Signup variant A", with: "title: Signup variant B")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")
    }

    static func hypothesis(_ number: Int, title: Int? = nil) -> String {
        """
        kind: Hypothesis
        id: HYP-000\(number)
        squad: growth
        title: "Shorter signup \(title ?? number)"
        statement:
          change: we believe that a shorter form \(number)
          audience: for new visitors
          outcome: will sign up more
          rationale: because fewer fields means less friction
        metric: signup-rate
        expected_lift: 0.03
        ice: {impact: 5, confidence: 5, ease: 5}
        status: backlog

        """
    }

}
