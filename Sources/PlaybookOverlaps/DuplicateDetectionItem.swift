import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// One hypothesis or experiment as the duplicate finder reads it.
extension DuplicateDetection {
    /// One hypothesis or experiment as compared. Its fields live in one object, copied on write:
    /// an item is copied wherever a closure takes it from an array, and such a copy was a retain
    /// of every field (an experiment has dozens), a tenth of a large playbook's lint; now it is one.
    struct Item {
        private final class Fields: @unchecked Sendable {
            // Written only while the item holding them is their only owner (see `unique`).
            var side: OverlapSide
            var text: String
            // Constants, so that a comparison reads them in place: a variable of a class passed to a
            // function is copied first (a retain of each of its sets and dictionaries, for every pair).
            let direction: ChangeDirection
            let facets: Facets
            var metric: String?
            /// Boxed: an experiment is a large value, and an optional one held in place took its
            /// full size in every hypothesis's fields too (20 MB on 20,000 hypotheses).
            private let boxedExperiment: Boxed<Experiment>?
            var experiment: Experiment? { boxedExperiment?.value }
            var audience: String? {
                didSet {
                    (ages, audienceWords) = (AgeBands(audience), audience.map(FieldComparison.audienceWords))
                    audienceNumbers = FieldComparison.audienceNumbers(audience)
                }
            }
            /// The ages the audience states in numbers (`AgeBands`), read once.
            private(set) var ages: AgeBands?
            /// The audience's words past `FieldComparison.audienceFiller`, read once (compared pair by pair without the model).
            private(set) var audienceWords: Set<String>?
            /// The counts and ordinals the audience states ("households of four or more", "whose tenth order"), read once.
            private(set) var audienceNumbers: Set<Double>
            var audienceVector: ArraySlice<Float>?
            var channelInTitleAndChange: Bool
            /// The statement's outcome as `outcomeKey` reads it (hypotheses only): `siblingCosine`.
            let outcome: String?
            /// The statement's rationale (hypotheses only): the second view (`agreedRestatements`).
            let rationale: String?
            /// Whether it is an experiment, and the experiment's surface and audience, kept apart so
            /// that `certainlyApart` reads them without copying the experiment (a retain of each of
            /// its dozens of fields).
            let isExperiment: Bool
            let surface: String?
            let experimentAudience: Audience?
            /// The hypothesis an experiment tests (its `hypothesis` id), read once.
            let testedHypothesis: String?
            /// Whether its title and change read as English (`TextLanguage`): when not, `text` is without
            /// the other language's function words and the model's vectors are not read (compared by words).
            let readsAsEnglish: Bool

            init(side: OverlapSide, text: String, direction: ChangeDirection, facets: Facets, metric: String?,
                 experiment: Experiment?, audience: String?, audienceVector: ArraySlice<Float>?, channelInTitleAndChange: Bool,
                 outcome: String?, rationale: String?, readsAsEnglish: Bool) {
                self.side = side
                self.readsAsEnglish = readsAsEnglish
                self.text = text
                self.direction = direction
                self.facets = facets
                self.metric = metric
                boxedExperiment = experiment.map(Boxed.init)
                self.audience = audience
                ages = AgeBands(audience)
                audienceWords = audience.map(FieldComparison.audienceWords)
                audienceNumbers = FieldComparison.audienceNumbers(audience)
                self.audienceVector = audienceVector
                self.channelInTitleAndChange = channelInTitleAndChange
                self.outcome = outcome
                self.rationale = rationale
                isExperiment = experiment != nil
                surface = experiment?.surface?.value
                experimentAudience = experiment?.audience
                testedHypothesis = experiment?.hypothesis?.value
            }

            func copy() -> Fields {
                Fields(side: side, text: text, direction: direction, facets: facets, metric: metric, experiment: experiment,
                       audience: audience, audienceVector: audienceVector, channelInTitleAndChange: channelInTitleAndChange, outcome: outcome,
                       rationale: rationale, readsAsEnglish: readsAsEnglish)
            }
        }

        private var fields: Fields

        init(side: OverlapSide, text: String, direction: ChangeDirection, facets: Facets, metric: String? = nil,
             experiment: Experiment? = nil, audience: String? = nil, audienceVector: ArraySlice<Float>? = nil,
             channelInTitleAndChange: Bool = false, outcome: String? = nil, rationale: String? = nil, readsAsEnglish: Bool = true) {
            fields = Fields(side: side, text: text, direction: direction, facets: facets, metric: metric,
                            experiment: experiment, audience: audience, audienceVector: audienceVector,
                            channelInTitleAndChange: channelInTitleAndChange, outcome: outcome, rationale: rationale,
                            readsAsEnglish: readsAsEnglish)
        }

        /// The fields, copied first when another item shares them.
        private mutating func unique() -> Fields {
            if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
            return fields
        }

        var side: OverlapSide { get { fields.side } set { unique().side = newValue } }
        // Read in place (`_read`): a getter copied the value out, a retain of each of its parts, for every pair compared.
        var text: String { _read { yield fields.text } set { unique().text = newValue } }
        var direction: ChangeDirection { _read { yield fields.direction } }
        var facets: Facets { _read { yield fields.facets } }
        var metric: String? { get { fields.metric } set { unique().metric = newValue } }
        var experiment: Experiment? { fields.experiment }
        /// Whether it is an experiment, and its surface and audience (nil for a hypothesis), read
        /// without copying the experiment.
        var isExperiment: Bool { fields.isExperiment }
        var experimentSurface: String? { fields.surface }
        var experimentAudience: Audience? { _read { yield fields.experimentAudience } }
        /// The hypothesis an experiment tests (nil for a hypothesis, or an experiment naming none).
        var testedHypothesis: String? { fields.testedHypothesis }
        /// The audience's text and vector, with a sentence encoder (hypotheses only).
        var audience: String? { get { fields.audience } set { unique().audience = newValue } }
        /// The ages its audience states in numbers ("aged 2 to 4", "Year 4"), nil when it states none.
        var ages: AgeBands? { _read { yield fields.ages } }
        var audienceWords: Set<String>? { _read { yield fields.audienceWords } }
        /// The counts and ordinals its audience states (`FieldComparison.audienceNumbers`).
        var audienceNumbers: Set<Double> { _read { yield fields.audienceNumbers } }
        /// A row of the matrix the texts' vectors were read in (a slice sharing it, not a copy).
        var audienceVector: ArraySlice<Float>? { _read { yield fields.audienceVector } set { unique().audienceVector = newValue } }
        /// Whether the title and the change both name a channel (email, push …): a look-alike that
        /// moves an idea to a channel says so in both (hypotheses only).
        var channelInTitleAndChange: Bool {
            get { fields.channelInTitleAndChange } set { unique().channelInTitleAndChange = newValue }
        }
        /// The statement's outcome as `outcomeKey` reads it (hypotheses only).
        var outcome: String? { fields.outcome }
        /// The statement's rationale (hypotheses only).
        var rationale: String? { fields.rationale }
        /// Whether its title and change read as English (else compared by words alone).
        var readsAsEnglish: Bool { fields.readsAsEnglish }
    }
}
