extension DuplicateDetection {
    /// The texts of each metric that can be a rival of a side under the clear-margin rule
    /// (`standClear`), found without reading the others: a rival must be `compatible` with the side,
    /// and two experiments on unrelated surfaces, or for two different segments, never are
    /// (`ApartIndex.apart` says so before any field is compared).
    ///
    /// The items are sorted into classes by what that first check reads (an experiment's surface and
    /// segment; everything else is one class that meets every class), and a side is given the texts of
    /// its metric in the classes that can meet its own. On a 32,000-file playbook (29 surfaces, ten
    /// segments) a side read all of its metric's 1,300 texts on average, and reads about 20 here.
    /// The rule's answer does not depend on the order the texts are read in (a pair is clear when no
    /// text is its rival), so a side's texts come class by class.
    struct RivalClasses: Sendable {
        /// Each item's class, and whether two classes' items are certainly apart (`count` × `count`).
        private let classOf: [Int]
        private let apart: [Bool]
        private let count: Int
        /// Each item's metric as a number (0: none, which meets every metric).
        private let metricOf: [Int]
        /// The items of each metric (those with none included) by class: `members[metric][class]`;
        /// `members[0]` holds every item.
        private let members: [[[Int]]]

        /// The classes `ApartIndex` reads for `items`' pairs (`keys`: each item's metric key, nil for none).
        init(keys: [String?], apart index: ApartIndex) {
            let surfaces = index.surfaceTable
            let segments = index.audienceCodes?.map(\.segment)
            self.init(keys: keys, experiment: index.experiment, surfaces: surfaces?.numbers, segments: segments) { a, b in
                guard let surfaces else { return true }
                return surfaces.related[Int(a) * surfaces.count + Int(b)]
            }
        }

        /// `surfaces`, `segments`: each item's surface and segment as a number (−1 for none; nil: not
        /// told apart by it); `related`: whether two surfaces' experiments can be one idea. Items that
        /// are not experiments meet everything.
        init(keys: [String?], experiment: [Bool], surfaces: [Int32]?, segments: [Int32]?, related: (Int32, Int32) -> Bool) {
            var classNumber: [Int64: Int] = [:]
            // Class 0: not an experiment, meets every class.
            var classes: [(surface: Int32, segment: Int32)?] = [nil]
            classOf = keys.indices.map { i in
                guard experiment[i] else { return 0 }
                let (surface, segment) = (surfaces?[i] ?? -1, segments?[i] ?? -1)
                let code = Int64(surface) << 32 | Int64(UInt32(bitPattern: segment))
                if let known = classNumber[code] { return known }
                classNumber[code] = classes.count
                classes.append((surface, segment))
                return classes.count - 1
            }
            count = classes.count
            var apart = [Bool](repeating: false, count: count * count)
            for a in 0..<count {
                for b in 0..<count {
                    guard let x = classes[a], let y = classes[b] else { continue }
                    apart[a * count + b] = (x.surface >= 0 && y.surface >= 0 && !related(x.surface, y.surface))
                        || (x.segment >= 0 && y.segment >= 0 && x.segment != y.segment)
                }
            }
            self.apart = apart
            var metricNumber: [String: Int] = [:]
            metricOf = keys.map { key in
                guard let key else { return 0 }
                if let known = metricNumber[key] { return known }
                metricNumber[key] = metricNumber.count + 1
                return metricNumber.count
            }
            var members = [[[Int]]](repeating: [[Int]](repeating: [], count: count), count: metricNumber.count + 1)
            for (i, metric) in metricOf.enumerated() {
                members[0][classOf[i]].append(i)
                if metric != 0 { members[metric][classOf[i]].append(i) }
            }
            // Those with no metric meet every metric.
            for metric in members.indices.dropFirst() {
                for (i, m) in metricOf.enumerated() where m == 0 { members[metric][classOf[i]].append(i) }
            }
            self.members = members
        }

        /// Sides of one group are given the same texts (`texts(for:)`).
        func group(_ i: Int) -> Int { metricOf[i] * count + classOf[i] }

        /// The texts of `i`'s metric (every text when it has none) that its class can meet: every
        /// text left out is certainly apart from `i`.
        func texts(for i: Int) -> [Int] {
            let own = classOf[i]
            var out: [Int] = []
            for (other, items) in members[metricOf[i]].enumerated() where !apart[own * count + other] { out += items }
            return out
        }
    }
}
