/// Turns the plan into YAML documents in the repository format of DESIGN.md.
enum DocumentRendering {
    static func metrics(owners: [Stage: String]) -> String {
        var w = YAMLWriter()
        w.comment("Metric catalog. Change a definition here, never in a dashboard.")
        for (index, metric) in MetricCatalog.all.enumerated() {
            if index > 0 { w.documentSeparator() }
            w.field("kind", "Metric")
            w.field("id", metric.id)
            w.field("name", metric.name)
            w.prose("description", metric.description)
            w.field("event", metric.event)
            w.field("unit", metric.unit)
            w.field("direction", metric.increases ? "increase" : "decrease")
            w.field("owner", owners[metric.stage] ?? "")
            if metric.northStar { w.raw("north_star", "true") }
        }
        return w.text
    }

    static func squad(_ squad: SquadPlan) -> String {
        var w = YAMLWriter()
        w.field("kind", "Squad")
        w.field("id", squad.id)
        w.field("name", squad.name)
        w.prose("mission", squad.mission)
        w.field("funnel_stage", squad.stage.rawValue)
        w.field("region", squad.region)
        w.open("members")
        for member in squad.members {
            w.field("name", member.name, indent: 2, prefix: "- ")
            w.field("role", member.role, indent: 4)
        }
        w.field("champion", squad.champion)
        w.open("budget")
        w.raw("quarterly", String(squad.quarterlyBudget), indent: 2)
        w.field("currency", squad.currency, indent: 2)
        w.open("metrics")
        for metric in squad.metrics { w.item(metric, indent: 2) }
        return w.text
    }

    /// A squad's objectives for the quarter, one document each, in one file.
    static func objectives(_ objectives: [ObjectivePlan], squad: SquadPlan) -> String {
        var w = YAMLWriter()
        w.comment("\(squad.name): objectives for \(OrganisationPlanner.quarter)")
        for (index, objective) in objectives.enumerated() {
            if index > 0 { w.documentSeparator() }
            w.field("kind", "Objective")
            w.field("id", objective.id)
            w.field("squad", squad.id)
            w.field("quarter", OrganisationPlanner.quarter)
            w.prose("title", objective.title)
            w.field("aligns_to", objective.alignsTo)
            w.open("key_results")
            for kr in objective.keyResults {
                w.field("id", kr.id, indent: 2, prefix: "- ")
                w.prose("title", kr.title, indent: 4)
                w.field("metric", kr.metric, indent: 4)
                w.raw("baseline", format(kr.baseline, kr.decimals), indent: 4)
                w.raw("target", format(kr.target, kr.decimals), indent: 4)
                w.raw("current", format(kr.current, kr.decimals), indent: 4)
                if let confidence = kr.confidence { w.raw("confidence", format(confidence, 1), indent: 4) }
            }
        }
        return w.text
    }

    static func hypothesis(_ h: HypothesisPlan, squad: SquadPlan, flowICE: Bool) -> String {
        var w = YAMLWriter()
        w.field("kind", "Hypothesis")
        w.field("id", h.id)
        w.field("squad", squad.id)
        w.prose("title", h.title)
        w.open("statement")
        w.prose("change", h.change, indent: 2)
        w.prose("audience", h.audience, indent: 2)
        w.prose("outcome", h.outcome, indent: 2)
        w.prose("rationale", h.rationale, indent: 2)
        w.field("metric", h.metric)
        w.raw("expected_lift", format(h.expectedLift, 2))
        if flowICE {
            w.raw("ice", "{impact: \(h.ice.impact), confidence: \(h.ice.confidence), ease: \(h.ice.ease)}")
        } else {
            w.open("ice")
            w.raw("impact", String(h.ice.impact), indent: 2)
            w.raw("confidence", String(h.ice.confidence), indent: 2)
            w.raw("ease", String(h.ice.ease), indent: 2)
        }
        w.field("status", h.status)
        w.field("key_result", h.keyResult)
        return w.text
    }

    static func experiment(_ e: ExperimentPlan, squad: SquadPlan, hypothesis: HypothesisPlan) -> String {
        var w = YAMLWriter()
        w.field("kind", "Experiment")
        w.field("id", e.id)
        w.field("squad", squad.id)
        w.prose("title", e.title)
        w.field("hypothesis", hypothesis.id)
        w.field("status", e.status)
        w.field("key_result", e.keyResult)
        w.open("metrics")
        w.field("primary", e.primary, indent: 2)
        w.raw("guardrails", YAMLWriter.flow(e.guardrails), indent: 2)
        w.field("surface", e.surface)
        w.open("audience")
        w.field("segment", e.segment, indent: 2)
        w.raw("regions", YAMLWriter.flow(e.regions), indent: 2)
        w.raw("platforms", YAMLWriter.flow(e.platforms), indent: 2)
        w.field("exclusion_group", e.exclusionGroup)
        w.open("variants")
        for variant in e.variants {
            w.field("id", variant.id, indent: 2, prefix: "- ")
            w.raw("allocation", String(variant.allocation), indent: 4)
        }
        if let design = e.design {
            w.open("design")
            w.raw("mde", format(design.mde, 2), indent: 2)
            w.raw("power", format(design.power, 1), indent: 2)
            w.raw("alpha", format(design.alpha, 2), indent: 2)
            w.raw("sample_size", String(design.sampleSize), indent: 2)
            if let days = design.durationDays { w.raw("duration_days", String(days), indent: 2) }
        }
        if let start = e.start { w.raw("start", start.description) }
        if let end = e.end { w.raw("end", end.description) }
        w.raw("budget", String(e.budget))
        if let result = e.result {
            w.open("result")
            w.field("outcome", result.outcome, indent: 2)
            w.raw("lift", format(result.lift, 3), indent: 2)
            w.raw("p_value", format(result.pValue, 3), indent: 2)
            w.field("decision", result.decision, indent: 2)
            if result.learnings.count == 1 {
                w.prose("learnings", result.learnings[0], indent: 2)
            } else {
                w.open("learnings", indent: 2)
                for learning in result.learnings { w.proseItem(learning, indent: 4) }
            }
        }
        if let approval = e.approval {
            w.open("approvals")
            w.field("by", approval.by, indent: 2, prefix: "- ")
            w.field("role", approval.role, indent: 4)
            w.raw("date", approval.date.description, indent: 4)
            w.prose("note", approval.note, indent: 4)
        }
        return w.text
    }
}
