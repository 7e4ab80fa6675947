extension DuplicateDetection {
    /// What a value moved out of a list leaves in its place: nothing to free (its lists are the empty
    /// list, its strings empty).
    static let vacated = Overlap(kind: .related, sides: [], score: 0, reason: "")

    /// The values of `list` that are not nil, in order, moved out of it: copied (as `compactMap` does),
    /// each overlap was a retain of each of its parts, and a release when `list` was freed.
    static func compacted<T>(_ list: consuming [T?]) -> [T] {
        var list = list
        return list.withUnsafeMutableBufferPointer { slots in
            [T](unsafeUninitializedCapacity: slots.count) { buffer, initialized in
                var count = 0
                for index in slots.indices {
                    guard let value = slots[index].take() else { continue }
                    (buffer.baseAddress! + count).initialize(to: value)
                    count += 1
                }
                initialized = count
            }
        }
    }

    /// `parts` joined, each value moved out of its part, which is left holding `vacated` in its place.
    static func joined<T>(moving parts: inout [[T]], vacated: T) -> [T] {
        let total = parts.reduce(0) { $0 + $1.count }
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            var at = 0
            for index in parts.indices {
                parts[index].withUnsafeMutableBufferPointer { part in
                    guard let source = part.baseAddress, part.count > 0 else { return }
                    (buffer.baseAddress! + at).moveInitialize(from: source, count: part.count)
                    source.initialize(repeating: vacated, count: part.count)
                    at += part.count
                }
            }
            initialized = at
        }
    }

    /// The value at `index` of `list`, moved out of it (`vacated` left in its place).
    static func take<T>(_ list: inout [T], _ index: Int, vacated: T) -> T {
        var value = vacated
        swap(&value, &list[index])
        return value
    }
}
