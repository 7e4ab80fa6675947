internal import CLibGit2

/// A run of lines that differs between two texts, as a hunk header gives it (no context lines):
/// `oldLines` lines from `oldStart` became `newLines` lines from `newStart`; a start is the line
/// before the run where the run is empty.
public struct LineHunk: Sendable, Hashable {
    public var oldStart: Int
    public var oldLines: Int
    public var newStart: Int
    public var newLines: Int

    public init(oldStart: Int, oldLines: Int, newStart: Int, newLines: Int) {
        (self.oldStart, self.oldLines, self.newStart, self.newLines) = (oldStart, oldLines, newStart, newLines)
    }
}

/// Line diffs of two texts in memory, through libgit2.
public enum LineDiff {
    /// The hunks that turn `old` into `new` (compared as text, whatever bytes they hold). A line
    /// ends at a line feed, a carriage return and line feed, or a carriage return alone, as the YAML
    /// reader counts lines (git counts line feeds only: a file with old Mac line ends was one line).
    public static func hunks(from old: [UInt8], to new: [UInt8]) throws(GitError) -> [LineHunk] {
        try hunks(lines: lineFeeds(old), lines: lineFeeds(new))
    }

    /// `bytes` with each carriage return that no line feed follows made a line feed.
    static func lineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(13) else { return bytes }
        var out = bytes
        for index in out.indices where out[index] == 13 && (index + 1 == out.count || out[index + 1] != 10) {
            out[index] = 10
        }
        return out
    }

    private static func hunks(lines old: [UInt8], lines new: [UInt8]) throws(GitError) -> [LineHunk] {
        try ensureLibgit2()
        var options = git_diff_options()
        _ = try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "setting up a line diff")
        options.context_lines = 0
        options.interhunk_lines = 0
        options.flags |= GIT_DIFF_FORCE_TEXT.rawValue
        var found: [LineHunk] = []
        let code = withUnsafeMutablePointer(to: &found) { payload in
            old.withUnsafeBytes { oldBytes in
                new.withUnsafeBytes { newBytes in
                    git_diff_buffers(oldBytes.baseAddress, oldBytes.count, nil, newBytes.baseAddress, newBytes.count, nil, &options,
                                     nil, nil, { _, hunk, payload in
                                         guard let hunk, let payload else { return 0 }
                                         payload.assumingMemoryBound(to: [LineHunk].self).pointee.append(LineHunk(
                                             oldStart: Int(hunk.pointee.old_start), oldLines: Int(hunk.pointee.old_lines),
                                             newStart: Int(hunk.pointee.new_start), newLines: Int(hunk.pointee.new_lines)))
                                         return 0
                                     }, nil, payload)
                }
            }
        }
        _ = try check(code, "comparing two texts line by line")
        return found
    }

    /// Where line `line` of the old text is in the new one: moved by the lines inserted and
    /// removed before it; a line the new text changed or removed goes to the nearest line the new
    /// text has there (the run's line in the same place, else the line before the removal, else line 1).
    public static func line(_ line: Int, through hunks: [LineHunk]) -> Int {
        var shift = 0
        for hunk in hunks.sorted(by: { $0.oldStart < $1.oldStart }) {
            if hunk.oldLines == 0 {
                if line <= hunk.oldStart { break }  // inserted after oldStart: lines up to it stay
            } else {
                if line < hunk.oldStart { break }
                if line < hunk.oldStart + hunk.oldLines {
                    return hunk.newLines > 0 ? hunk.newStart + min(line - hunk.oldStart, hunk.newLines - 1) : max(1, hunk.newStart)
                }
            }
            shift += hunk.newLines - hunk.oldLines
        }
        return max(1, line + shift)
    }
}
