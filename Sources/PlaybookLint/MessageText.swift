/// Where a message or a report's text is written: a `String`, its length counted first
/// (`MessageLength`), or its bytes copied into a buffer of that length (`MessageBytes`), so that
/// the text is allocated once at its size and written without `String`'s per-append work (its
/// checks of uniqueness, capacity and ASCII-ness were a few hundred instructions a piece, and a
/// large playbook's findings and report are millions of pieces).
protocol MessageText {
    mutating func append(_ piece: String)
    /// `String(number)`'s text.
    mutating func appendDecimal(_ number: Int)
}

extension String: MessageText {
    mutating func appendDecimal(_ number: Int) { append(String(number)) }
}

/// A text's length in UTF-8 bytes.
struct MessageLength: MessageText {
    var count = 0

    mutating func append(_ piece: String) { count += piece.utf8.count }

    mutating func appendDecimal(_ number: Int) {
        var rest = number.magnitude
        count += number < 0 ? 2 : 1
        while rest >= 10 {
            rest /= 10
            count += 1
        }
    }
}

/// A text's UTF-8 bytes written into a buffer measured by `MessageLength` (what does not fit is
/// left out: never past the buffer's end).
struct MessageBytes: MessageText {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func append(_ piece: String) {
        let copied: Int? = piece.utf8.withContiguousStorageIfAvailable { bytes in
            let fits = min(bytes.count, buffer.count - count)
            if fits > 0 { (buffer.baseAddress! + count).update(from: bytes.baseAddress!, count: fits) }
            return fits
        }
        if let copied {
            count += copied
        } else {
            for byte in piece.utf8 where count < buffer.count {
                buffer[count] = byte
                count += 1
            }
        }
    }

    mutating func appendDecimal(_ number: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        var rest = number.magnitude
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[23 - length] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                length += 1
            } while rest > 0
            if number < 0 {
                digits[23 - length] = UInt8(ascii: "-")
                length += 1
            }
            for byte in digits[(24 - length)...] where count < buffer.count {
                buffer[count] = byte
                count += 1
            }
        }
    }
}
