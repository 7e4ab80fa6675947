/// Self-contained HTML pages (inline CSS and SVG, no script, no external resource).
public enum HTMLReport {
    public static func okr(_ report: OKRReport) -> String { "" }
    public static func experiments(_ report: ExperimentReport) -> String { "" }
}
