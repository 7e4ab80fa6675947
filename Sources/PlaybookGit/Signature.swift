import Foundation

/// Who made a commit, and when (as git records it: unix seconds plus the author's UTC offset).
public struct Signature: Sendable, Hashable {
    public var name: String
    public var email: String
    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var time: Int64
    /// The offset of the signer's time zone from UTC, in minutes (e.g. 120 for UTC+2).
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// A signature dated now, in the current time zone.
    public static func now(name: String, email: String) -> Signature {
        let date = Date()
        let offsetSeconds = TimeZone.current.secondsFromGMT(for: date)
        return Signature(
            name: name, email: email,
            time: Int64(date.timeIntervalSince1970.rounded(.down)),
            offsetMinutes: offsetSeconds / 60)
    }
}
