/// How a key result's progress is judged against the time elapsed in its quarter (`reports:` in
/// `.playbook.yml`). With `elapsed` the fraction of the quarter gone by: on track when progress
/// ≥ `onTrack` × elapsed, at risk when ≥ `atRisk` × elapsed, else off track.
public struct KeyResultStatusThresholds: Sendable, Hashable {
    public var onTrack: Double
    public var atRisk: Double

    public init(onTrack: Double = 0.9, atRisk: Double = 0.6) {
        self.onTrack = onTrack
        self.atRisk = atRisk
    }
}
