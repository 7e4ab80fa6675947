/// Every problem the loader reports is made here, so the wording stays in one place.
extension YAMLProblem {
    static let tabInIndentation = "tab character in indentation; YAML allows only spaces for indentation"

    static func encoding(_ message: String, at mark: Mark) -> YAMLProblem {
        YAMLProblem(kind: .encoding, mark: mark, message: message, isFatal: true)
    }

    static func size(bytes: Int, limit: Int) -> YAMLProblem {
        YAMLProblem(
            kind: .sizeLimit, mark: Mark(line: 1, column: 1),
            message: "file is \(bytes) bytes, more than the limit of \(limit) bytes; split it into smaller files",
            isFatal: true)
    }

    /// A key past libyaml's 1,024 characters for a simple key (YAML 1.2 sets the same bound on an implicit key).
    static func keyTooLong(at mark: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .syntax, mark: mark,
            message: "this key is longer than the 1,024 characters YAML allows a simple key (one not written after \"? \"); shorten it",
            isFatal: true)
    }

    /// libyaml's own reason: its context (what it was doing, and where that began) and its problem.
    static func syntax(problem: String, context: String?, contextMark: Mark?, at mark: Mark) -> YAMLProblem {
        var message = problem
        if let context {
            let place = contextMark.map { $0 == mark ? "" : " at line \($0.line), column \($0.column)" } ?? ""
            message = "\(context)\(place): \(problem)"
        }
        return YAMLProblem(kind: .syntax, mark: mark, message: message, isFatal: true)
    }

    /// libyaml's failure where a construct it was reading (a quoted scalar, a flow collection, a key)
    /// was never closed (see `UnclosedConstruct`): said at the construct's start, `gaveUpAt` where libyaml gave up.
    static func unclosed(problem: String, context: String, at start: Mark, gaveUpAt end: Mark) -> YAMLProblem {
        var message = "\(context) starting here: \(problem) at line \(end.line), column \(end.column)"
        switch context {
        case "while scanning a quoted scalar": message += "; is its closing quote missing?"
        case "while parsing a flow sequence": message += "; is its closing \"]\" missing?"
        case "while parsing a flow mapping": message += "; is its closing \"}\" missing?"
        default: break
        }
        return YAMLProblem(kind: .syntax, mark: start, message: message, isFatal: true)
    }

    /// libyaml's failure in a `[…]` or `{…}` whose `comment` (from its `#` to the line's end) hid `hides`
    /// (a `,`, `]` or `}`); `quoted` is the line with the cut item quoted, when the `#` reads as part of it;
    /// `after` is the last of those the comment hides, where it can go instead.
    static func commentInFlow(_ error: LibYAMLError, comment: String, hides: UInt8, inMapping: Bool, quoted: String?, after: UInt8, at mark: Mark) -> YAMLProblem {
        var problem = syntax(problem: error.problem, context: error.context, contextMark: error.contextMark, at: mark)
        let item = inMapping ? "value" : "item"
        let hidden = switch hides {
        case UInt8(ascii: ","): "the \",\" after the \(item)"
        case UInt8(ascii: "]"): "the list's closing \"]\""
        default: "the mapping's closing \"}\""
        }
        problem.message += "; \"\(comment)\" is read as a comment, which hides \(hidden)"
        if let quoted { problem.message += "; if the # belongs to the \(item), quote it: \(quoted)" }
        problem.message += "; a comment goes after the \"\(Character(Unicode.Scalar(after)))\""
        return problem
    }

    /// A merge left unresolved: `marker` is the first of its lines (`<<<<<<<`, `=======`...).
    static func conflictMarkers(_ marker: String, at mark: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .syntax, mark: mark,
            message: "merge conflict markers left in the file (\(marker) at line \(mark.line)): resolve the conflict and remove them",
            isFatal: true)
    }

    static func unknownAnchor(_ name: String, at mark: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .syntax, mark: mark,
            message: "alias *\(name) refers to no anchor &\(name) defined before it in this document",
            isFatal: true)
    }

    static func duplicateKey(_ key: String, at mark: Mark, firstAt first: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .duplicateKey, mark: mark,
            message: "duplicate key \"\(key)\" (first defined at line \(first.line), column \(first.column))",
            isFatal: false)
    }

    /// A second `kind:` in a document's top-level mapping: two documents without the `---` between them.
    static func documentMissingStart(at mark: Mark, startLine: Int) -> YAMLProblem {
        YAMLProblem(
            kind: .duplicateKey, mark: mark,
            message: "a second `kind:` in one document: is the `---` line between two documents missing? add it above line \(startLine)",
            isFatal: false)
    }

    /// A list item's first key written again in the item: the next item, without its "- ".
    static func itemMissingDash(key: String, at mark: Mark, firstAt first: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .duplicateKey, mark: mark,
            message: "duplicate key \"\(key)\" (first at line \(first.line)): does a new item of the list start here? begin it with \"- \"",
            isFatal: false)
    }

    static func aliasLimit(_ limit: Int, at mark: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .aliasLimit, mark: mark,
            message: "alias expansion exceeds \(limit) nodes (possible billion-laughs attack)",
            isFatal: true)
    }

    static func aliasBytesLimit(_ limit: Int, at mark: Mark) -> YAMLProblem {
        YAMLProblem(
            kind: .aliasLimit, mark: mark,
            message: "alias expansion adds more than \(limit) bytes of text, the largest file accepted (possible billion-laughs attack)",
            isFatal: true)
    }

    static func depthLimit(_ limit: Int, at mark: Mark, throughAlias: Bool = false) -> YAMLProblem {
        let how = throughAlias ? "alias expansion nests" : "nesting goes"
        return YAMLProblem(
            kind: .depthLimit, mark: mark,
            message: "\(how) deeper than \(limit) levels of sequences and mappings",
            isFatal: true)
    }

    /// Deep nesting around very many items: libyaml spends time in proportion to the nesting
    /// level on every token, so the loader stops before that work outgrows the file's size.
    static func nestingWork(at mark: Mark, depth: Int) -> YAMLProblem {
        YAMLProblem(
            kind: .depthLimit, mark: mark,
            message: "too many items nested \(depth) levels deep for a file of this size; flatten the structure",
            isFatal: true)
    }

    /// A tab that libyaml rejected (fatal), or one in indentation that it accepted (not fatal).
    static func tab(at mark: Mark, inIndentation: Bool, libyamlProblem: String?, isFatal: Bool) -> YAMLProblem {
        var message = inIndentation ? tabInIndentation : "tab character where YAML does not allow one"
        if let libyamlProblem, !inIndentation { message += " (\(libyamlProblem))" }
        return YAMLProblem(kind: .tab, mark: mark, message: message, isFatal: isFatal)
    }
}
