/// The id forms of DESIGN.md: kebab-case for metrics and squads, `PREFIX-…` for the rest.
public enum IDForm {
    /// `^[a-z0-9]+(-[a-z0-9]+)*$`
    public static func isKebabCase(_ id: String) -> Bool {
        words(id, allowUppercase: false)
    }

    /// `PREFIX-` followed by hyphen-separated words of letters and digits, e.g. `EXP-0042`, `OKR-2026Q3-ACT-1`.
    public static func isPrefixed(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix + "-") else { return false }
        return words(String(id.dropFirst(prefix.count + 1)), allowUppercase: true)
    }

    /// `KR-n` with n a positive number.
    public static func isKeyResultID(_ id: String) -> Bool {
        guard id.hasPrefix("KR-") else { return false }
        let digits = id.utf8.dropFirst(3)
        return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Splits `OKR-…/KR-n` into its objective id and key-result id.
    public static func keyResultReference(_ text: String) -> (objective: String, keyResult: String)? {
        let objective: String, keyResult: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // In ASCII a character is a byte: split at the one `/` without a walk over characters
            // (splitting by characters was most of decoding a work item's key_result).
            guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let after = text.utf8.index(after: slash)
            guard !text.utf8[after...].contains(UInt8(ascii: "/")) else { return nil }
            objective = String(text[..<slash])
            keyResult = String(text[after...])
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            objective = String(parts[0])
            keyResult = String(parts[1])
        }
        guard isPrefixed(objective, prefix: "OKR"), isKeyResultID(keyResult) else { return nil }
        return (objective, keyResult)
    }

    /// What a well-formed id of `kind` looks like, for messages.
    public static func example(for kind: Kind) -> String {
        switch kind {
        case .metric: "kebab-case such as weekly-active-learners"
        case .squad: "kebab-case such as activation-emea"
        case .objective: "OKR- followed by letters, digits and hyphens, such as OKR-2026Q3-ACT-1"
        case .hypothesis: "HYP- followed by letters, digits and hyphens, such as HYP-0042"
        case .experiment: "EXP- followed by letters, digits and hyphens, such as EXP-0042"
        }
    }

    public static func isValid(_ id: String, for kind: Kind) -> Bool {
        switch kind {
        case .metric, .squad: isKebabCase(id)
        case .objective: isPrefixed(id, prefix: "OKR")
        case .hypothesis: isPrefixed(id, prefix: "HYP")
        case .experiment: isPrefixed(id, prefix: "EXP")
        }
    }

    private static func words(_ text: String, allowUppercase: Bool) -> Bool {
        var previousWasHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where allowUppercase:
                previousWasHyphen = false
            case UInt8(ascii: "-") where !previousWasHyphen:
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }
}
