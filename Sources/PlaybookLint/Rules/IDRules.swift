import PlaybookModel

/// An id that disagrees with where it stands: reports, links and `playbook new` go by ids, people
/// by file names and the quarter an objective's id spells.
enum IDMismatch: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "id-mismatch", severity: .warning,
        summary: "An id disagrees with where it stands: an objective whose id names another quarter than its `quarter`, or a hypothesis or experiment file named after another id (`HYP-0041.yml` holding `HYP-0042`).",
        details: "Reports file an objective under its `quarter`, while people (and `playbook new`) read the quarter from its id; a file named after another id is found under the wrong name. A file named after its id with more after it (`HYP-0041-shorter-lesson.yml`) is fine.",
        triggering: ["""
        kind: Objective
        id: OKR-2026Q3-ACT-2
        squad: activation-emea
        quarter: ↓2026-Q4
        title: Make the first week a habit
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention to 36%, metric: d1-retention, baseline: 31, target: 36}
        """],
        passing: ["""
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Make the first week a habit
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention to 36%, metric: d1-retention, baseline: 31, target: 36}
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var out = context.compactMap(\.objectives) { objective, file -> LocatedDiagnostic? in
            guard let quarter = objective.quarter, let named = quarterNamed(by: objective.id.value), named != quarter.value else { return nil }
            return context.finding(
                file, quarter.mark,
                "\(objective.id.value) is for \(named) by its id but for \(quarter.value) by its `quarter`; make them agree (a new id: `playbook new objective`)",
                entity: objective.id.value)
        }
        // A file holding one hypothesis or experiment, named exactly as an id of its series.
        var perFile: [String: Int] = [:]
        for placed in context.entities where placed.entity.kind == .hypothesis || placed.entity.kind == .experiment {
            perFile[placed.file, default: 0] += 1
        }
        for placed in context.entities where perFile[placed.file] == 1 {
            let prefix: String
            switch placed.entity.kind {
            case .hypothesis: prefix = "HYP-"
            case .experiment: prefix = "EXP-"
            default: continue
            }
            let id = placed.entity.id.value
            // An id not well formed is its own finding (`schema-id`), not also a file misnamed.
            guard IDForm.isValid(id, for: placed.entity.kind) else { continue }
            let stem = PlaybookFiles.stem(of: placed.file)
            guard stem != id, !stem.hasPrefix(id + "-"), stem.hasPrefix(prefix),
                  stem.dropFirst(prefix.count).allSatisfy({ $0.isASCII && $0.isNumber }), stem.count > prefix.count else { continue }
            out.append(context.finding(
                placed.file, placed.entity.id.mark,
                "the file is named \(stem) but holds \(id); rename the file to \(id).yml (or give the entity the id its file names)",
                entity: id))
        }
        return out
    }

    /// `OKR-2026Q3-…` → 2026-Q3.
    private static func quarterNamed(by id: String) -> Quarter? {
        let bytes = Array(id.utf8)
        guard bytes.count >= 11, id.hasPrefix("OKR-"), bytes[8] == UInt8(ascii: "Q") else { return nil }
        return Quarter(String(decoding: bytes[4..<8], as: UTF8.self) + "-Q" + String(decoding: bytes[9..<10], as: UTF8.self))
    }
}
