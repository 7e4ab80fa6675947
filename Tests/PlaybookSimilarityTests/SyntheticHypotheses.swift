/// Hypotheses generated the way growth squads write them, from a seed: many ideas over a
/// shared vocabulary, some of them restated by other squads in other words.
struct SyntheticHypotheses {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }

    static let actions = ["add", "show", "introduce", "test", "offer", "remove", "simplify", "redesign", "personalise", "shorten", "move", "highlight"]
    static let objects = [
        "a progress bar", "the annual plan toggle", "a streak reminder", "social proof badges", "a referral reward",
        "the onboarding checklist", "a discount banner", "the pricing table", "a free trial extension", "lesson previews",
        "a win-back email", "the paywall", "a goal picker", "audio lessons", "a leaderboard", "the signup form",
        "a family plan", "the cancellation flow", "push notification timing", "a placement quiz", "gift subscriptions",
        "student pricing", "the checkout page", "an exit survey", "a weekly recap email", "daily goals",
        "friend challenges", "offline downloads", "a pronunciation coach", "level badges", "the course map",
    ]
    static let places = ["on the home screen", "in the checkout", "after the first lesson", "on the pricing page",
                         "in the app store listing", "at signup", "in the settings", "before the paywall", "in week one",
                         "on the lesson complete screen", "in the email digest", "on the landing page"]
    static let audiences = ["new users", "returning learners", "trial users", "lapsed subscribers", "students",
                            "families", "users in Brazil", "users in Japan", "Android users", "web visitors",
                            "users who finished one lesson", "annual subscribers", "iOS users in Germany"]
    static let outcomes = ["increase day-7 retention", "raise trial-to-paid conversion", "reduce churn",
                           "grow weekly active learners", "lift referral invites", "increase average order value",
                           "reduce refund requests", "improve lesson completion", "increase signups",
                           "raise annual plan share", "cut checkout drop-off", "increase session length"]
    static let reasons = ["interviews show users forget to come back", "competitors saw a lift with it",
                          "funnel data shows a drop at this step", "users ask for it in reviews",
                          "a survey found price is the main objection", "support tickets point to confusion",
                          "heatmaps show the button is missed", "last quarter's test hinted at it",
                          "cohort analysis shows early habits predict retention", "people trust what peers do"]

    static let qualities = ["animated", "personalised", "shorter", "gamified", "localised", "one-tap", "weekly",
                            "interactive", "video", "AI-generated", "bundled", "seasonal", "tiered", "contextual",
                            "sticky", "collapsible", "dark-mode", "voice", "offline", "cohort-based", "limited-time",
                            "progressive", "mascot-led", "teacher-curated", "skippable", "streak-saving", "emoji"]
    static let features = ["tooltip", "carousel", "countdown", "quiz", "checklist", "banner", "modal", "widget",
                           "calendar invite", "certificate", "avatar", "sound effect", "milestone", "bookmark",
                           "flashcard deck", "study plan", "trial reminder", "receipt", "testimonial", "coupon",
                           "invite link", "pricing anchor", "paywall copy", "hint system", "review prompt",
                           "level test", "story mode", "grammar tip", "speaking drill", "practice hub"]

    /// One hypothesis text: title, change, audience, outcome and reason in the template's words.
    /// The idea (quality, feature, object) draws on a vocabulary of thousands of combinations;
    /// places, audiences, outcomes and reasons repeat, as they do in real playbooks.
    mutating func text() -> String {
        let action = pick(Self.actions), place = pick(Self.places)
        let object = "a \(pick(Self.qualities)) \(pick(Self.features)) for \(pick(Self.objects))"
        let audience = pick(Self.audiences), outcome = pick(Self.outcomes), reason = pick(Self.reasons)
        let percent = [5, 10, 15, 20, 25, 30][Int(next() % 6)]
        return "\(action.capitalized) \(object) \(place). We believe that if we \(action) \(object) \(place) for \(audience), "
            + "it will \(outcome) by \(percent)% because \(reason)."
    }

    /// The same idea restated: words swapped for synonyms, clauses reordered, a number kept.
    static func restate(_ text: String) -> String {
        var out = text
        for (a, b) in [("increase", "boost"), ("add", "introduce"), ("show", "display"), ("users", "learners"),
                       ("reduce", "lower"), ("We believe that if we", "Hypothesis:"), ("because", "since"),
                       ("it will", "this should"), ("raise", "improve"), ("email", "e-mail")] {
            out = out.replacingOccurrences(of: a, with: b)
        }
        return out
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
