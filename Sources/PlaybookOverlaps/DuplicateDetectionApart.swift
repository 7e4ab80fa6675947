import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// Pairs whose facets keep them certainly apart, without comparing their texts.
extension DuplicateDetection {
    /// Two items that `FieldComparison` certainly tells apart, by fields it names as a difference
    /// whatever else the two share: a platform, region, surface or segment that `Facets` finds on
    /// both sides and that differs, or (experiments) surfaces neither of which nests the other, or
    /// audiences that cannot overlap. The neighbour rule asks whether two items could be one idea of
    /// about 100,000 pairs on a 16,000-file playbook, three in four of them apart this way: this
    /// answers those without comparing every field and scoring the words (through `ApartIndex`).
    /// (`CertainlyApartTests` checks, on the labelled pairs and on experiments, that it never says
    /// apart where `FieldComparison` finds no difference, and that `ApartIndex` agrees with it.)
    static func certainlyApart(_ a: Item, _ b: Item) -> Bool {
        if a.isExperiment, b.isExperiment {
            if let sa = a.experimentSurface, let sb = b.experimentSurface, !Surface.related(sa, sb) { return true }
            if !AudienceOverlap.possible(a.experimentAudience, b.experimentAudience) { return true }
        }
        return !Facets.differences(a.facets, b.facets).isEmpty
    }

    /// `certainlyApart` for items given by their place, with each item's facets read once into codes:
    /// the neighbour rule asks it of about 100,000 pairs, and comparing the facets' tables of strings
    /// each time was half of what it saves.
    struct ApartIndex: Sendable {
        /// Each item's facet values as (facet and dimension) << 32 | value, numbered across the items,
        /// sorted; the item `i` has `codes[starts[i]..<starts[i + 1]]`.
        private let codes: [UInt64]
        private let starts: [Int]
        /// Each experiment's surface and audience (nil for a hypothesis); `experiment[i]` is false for hypotheses.
        let experiment: [Bool]
        private let surfaces: [String?]
        private let audiences: [Audience?]
        /// The experiments' surfaces numbered (−1 for none) and whether each two of them are related
        /// (`Surface.related`), and their audiences folded to codes: the neighbour rule and the
        /// clear-margin rule ask `apart` of millions of pairs, and comparing the strings (each read a
        /// retain) was most of its time. Nil when there are too many distinct values to tabulate.
        let surfaceTable: (numbers: [Int32], related: [Bool], count: Int)?
        /// Past the table's 256 surfaces (a playbook of many surfaces), when each is written normalised:
        /// each experiment's surface numbered (−1 for none), and for each surface the numbers of those
        /// that are its `/`-prefixes (`prefixes[starts[s]..<starts[s + 1]]`): `Surface.related` of two
        /// surfaces is then their numbers equal or one among the other's prefixes, no string compared.
        private let surfaceAncestry: (numbers: [Int32], starts: [Int32], prefixes: [Int32])?
        let audienceCodes: [AudienceCode]?

        init(_ items: [Item]) {
            var slots: [String: UInt64] = [:]
            var values: [String: UInt64] = [:]
            var codes: [UInt64] = []
            var starts = [0]
            for item in items {
                var own: [UInt64] = []
                for (facet, dimensions) in item.facets.values {
                    for (dimension, named) in dimensions {
                        let slotName = facet.rawValue + "/" + dimension
                        let slot = slots[slotName] ?? UInt64(slots.count)
                        slots[slotName] = slot
                        for value in named.keys {
                            let code = values[value] ?? UInt64(values.count)
                            values[value] = code
                            own.append(slot << 32 | code)
                        }
                    }
                }
                codes += own.sorted()
                starts.append(codes.count)
            }
            self.codes = codes
            self.starts = starts
            experiment = items.map(\.isExperiment)
            surfaces = items.map(\.experimentSurface)
            audiences = items.map(\.experimentAudience)
            surfaceTable = Self.tabulated(surfaces)
            surfaceAncestry = surfaceTable == nil ? Self.ancestry(surfaces) : nil
            audienceCodes = AudienceCode.codes(audiences)
        }

        /// Each surface as the number of its first appearance among the distinct ones (−1 for none), nil as
        /// soon as a new surface is not `admitting(surface, surfaces numbered so far)`.
        private static func distinctSurfaces(_ surfaces: [String?], admitting: (String, Int) -> Bool)
            -> (distinct: [String], numberOf: [String: Int32], numbers: [Int32])? {
            var distinct: [String] = []
            var numberOf: [String: Int32] = [:]
            var numbers: [Int32] = []
            numbers.reserveCapacity(surfaces.count)
            for surface in surfaces {
                guard let surface else { numbers.append(-1); continue }
                if let known = numberOf[surface] { numbers.append(known); continue }
                guard admitting(surface, distinct.count) else { return nil }
                numberOf[surface] = Int32(distinct.count)
                numbers.append(Int32(distinct.count))
                distinct.append(surface)
            }
            return (distinct, numberOf, numbers)
        }

        /// The distinct surfaces numbered, each with the numbers of its `/`-prefixes among them (nil
        /// unless every surface is written normalised: `Surface.related` then compares their bytes).
        private static func ancestry(_ surfaces: [String?]) -> (numbers: [Int32], starts: [Int32], prefixes: [Int32])? {
            guard let (distinct, numberOf, numbers) = distinctSurfaces(surfaces, admitting: {
                Surface.isNormalised($0) && $1 < Int(Int32.max)
            }) else { return nil }
            var starts: [Int32] = [0]
            var prefixes: [Int32] = []
            for surface in distinct {
                let bytes = Array(surface.utf8)
                for (end, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
                    if let prefix = numberOf[String(decoding: bytes[..<end], as: UTF8.self)] { prefixes.append(prefix) }
                }
                starts.append(Int32(prefixes.count))
            }
            return (numbers, starts, prefixes)
        }

        /// Whether surface `a` is one of surface `b`'s `/`-prefixes (`surfaceAncestry`'s numbers).
        private static func isPrefix(_ a: Int32, of b: Int32, _ ancestry: (numbers: [Int32], starts: [Int32], prefixes: [Int32])) -> Bool {
            for k in Int(ancestry.starts[Int(b)])..<Int(ancestry.starts[Int(b) + 1]) where ancestry.prefixes[k] == a { return true }
            return false
        }

        /// The distinct surfaces numbered, and `Surface.related` of each two (nil beyond 256 of them).
        private static func tabulated(_ surfaces: [String?]) -> (numbers: [Int32], related: [Bool], count: Int)? {
            guard let (distinct, _, numbers) = distinctSurfaces(surfaces, admitting: { $1 < 256 }) else { return nil }
            let count = distinct.count
            var related = [Bool](repeating: false, count: count * count)
            for a in 0..<count { for b in 0..<count { related[a * count + b] = Surface.related(distinct[a], distinct[b]) } }
            return (numbers, related, count)
        }

        /// An audience as `AudienceKey` folds it, its values as bits: `AudienceKey.meets` (which is
        /// `AudienceOverlap.possible`) with integer operations.
        struct AudienceCode: Sendable {
            /// The lowercased segment's number, −1 for none.
            var segment: Int32 = -1
            /// The folded regions and platforms as bits of their numbers; nil for everyone.
            var regions: UInt64?
            var platforms: UInt64?

            func meets(_ other: AudienceCode) -> Bool {
                if segment >= 0, other.segment >= 0, segment != other.segment { return false }
                if let a = regions, let b = other.regions, a & b == 0 { return false }
                if let a = platforms, let b = other.platforms, a & b == 0 { return false }
                return true
            }

            /// The codes of `audiences` (nil: everyone), or nil when regions or platforms name more than 64 values.
            static func codes(_ audiences: [Audience?]) -> [AudienceCode]? {
                var segments: [String: Int32] = [:]
                var regionBits: [String: UInt64] = [:]
                var platformBits: [String: UInt64] = [:]
                func bits(_ values: Set<String>?, _ numbers: inout [String: UInt64]) -> UInt64?? {
                    guard let values else { return .some(nil) }
                    var mask: UInt64 = 0
                    for value in values {
                        if numbers[value] == nil {
                            guard numbers.count < 64 else { return nil }
                            numbers[value] = UInt64(1) << UInt64(numbers.count)
                        }
                        mask |= numbers[value] ?? 0
                    }
                    return .some(mask)
                }
                var codes: [AudienceCode] = []
                codes.reserveCapacity(audiences.count)
                for audience in audiences {
                    guard let audience else { codes.append(AudienceCode()); continue }
                    let key = AudienceKey(audience)
                    var code = AudienceCode()
                    if let segment = key.segment {
                        code.segment = segments[segment] ?? Int32(segments.count)
                        segments[segment] = code.segment
                    }
                    guard let regions = bits(key.regions, &regionBits), let platforms = bits(key.platforms, &platformBits) else { return nil }
                    code.regions = regions
                    code.platforms = platforms
                    codes.append(code)
                }
                return codes
            }
        }

        /// `certainlyApart(items[a], items[b])`.
        func apart(_ a: Int, _ b: Int) -> Bool {
            if experiment[a], experiment[b] {
                if let table = surfaceTable {
                    let (sa, sb) = (Int(table.numbers[a]), Int(table.numbers[b]))
                    if sa >= 0, sb >= 0, !table.related[sa * table.count + sb] { return true }
                } else if let ancestry = surfaceAncestry {
                    let (sa, sb) = (ancestry.numbers[a], ancestry.numbers[b])
                    if sa >= 0, sb >= 0, sa != sb, !Self.isPrefix(sa, of: sb, ancestry), !Self.isPrefix(sb, of: sa, ancestry) { return true }
                } else if let sa = surfaces[a], let sb = surfaces[b], !Surface.related(sa, sb) {
                    return true
                }
                if let codes = audienceCodes {
                    if !codes[a].meets(codes[b]) { return true }
                } else if !AudienceOverlap.possible(audiences[a], audiences[b]) {
                    return true
                }
            }
            return codes.withUnsafeBufferPointer { c in
                // `Facets.differences` is not empty when a facet's dimension named on both sides
                // shares no value: walk both sorted lists, a dimension at a time.
                var (i, j) = (starts[a], starts[b])
                let (endA, endB) = (starts[a + 1], starts[b + 1])
                while i < endA, j < endB {
                    let (slotA, slotB) = (c[i] >> 32, c[j] >> 32)
                    if slotA < slotB {
                        while i < endA, c[i] >> 32 == slotA { i += 1 }
                    } else if slotB < slotA {
                        while j < endB, c[j] >> 32 == slotB { j += 1 }
                    } else {
                        var shared = false
                        while i < endA, j < endB, c[i] >> 32 == slotA, c[j] >> 32 == slotA {
                            if c[i] == c[j] { shared = true; break }
                            if c[i] < c[j] { i += 1 } else { j += 1 }
                        }
                        if !shared { return true }
                        while i < endA, c[i] >> 32 == slotA { i += 1 }
                        while j < endB, c[j] >> 32 == slotA { j += 1 }
                    }
                }
                return false
            }
        }
    }
}
