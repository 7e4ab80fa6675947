import Foundation
import PlaybookYAML
import XCTest

/// Not a test: a measurement, run on demand (it asserts nothing about time).
///
///     PLAYBOOK_MEASURE=1 swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-yaml --filter LoadSpeedMeasurement
final class LoadSpeedMeasurement: XCTestCase {
    static let experiment = """
        kind: Experiment
        id: EXP-0042
        squad: activation-eu
        title: Shorter signup form on the pricing page
        hypothesis: HYP-0017
        key_result: OKR-2026-Q3-ACT/KR-2
        status: running
        surface: web/pricing-page
        metrics:
          primary: signup-conversion
          guardrails: [refund-rate, support-tickets]
        audience:
          segment: new-visitors
          regions: [eu, uk]
          platforms: [web]
        exclusion_group: pricing-2026
        variants:
          - id: control
            allocation: 50
          - id: short-form
            allocation: 50
        design:
          mde: 0.02
          power: 0.8
          alpha: 0.05
          sample_size: 48000
          duration_days: 21
        start: 2026-07-01
        end: 2026-07-22
        budget: 4000
        approvals:
          - by: Dana Rivera
            role: growth-council
            date: 2026-06-28
            note: >
              Approved on condition that the refund
              guardrail is watched daily.
        result:
          outcome: inconclusive
          decision: iterate
          learnings: "Too early to say; re-run with a larger sample."

        """

    func testMeasureLoadingTenThousandSmallFiles() throws {
        guard ProcessInfo.processInfo.environment["PLAYBOOK_MEASURE"] != nil else {
            throw XCTSkip("set PLAYBOOK_MEASURE=1 to measure loading speed")
        }
        let bytes = Array(Self.experiment.utf8)
        XCTAssertEqual(YAMLLoader.load(bytes).problems, [])
        var nodes = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<10_000 {
                nodes &+= YAMLLoader.load(bytes).documents.count
            }
        }
        let lines = bytes.filter { $0 == 0x0A }.count
        print("loaded 10,000 copies of a \(bytes.count)-byte, \(lines)-line document in \(elapsed) (\(nodes) documents)")
        measure {
            for _ in 0..<10_000 {
                nodes &+= YAMLLoader.load(bytes).documents.count
            }
        }
    }
}
