import PlaybookModel

/// Two experiments on the same or a nested surface, live at the same time, that do not collide because
/// their audiences cannot overlap: what a page drawing them side by side says of them, so that two bars
/// that overlap with no red outline are explained (review of 2026-12-06). Read as the collision rule reads them.
public enum CollisionNearMiss {
    /// A surface as the collision rule compares it: lower-case, no empty segment, no space at a segment's ends.
    public static func surfaceKey(_ surface: String) -> String {
        Surface.isNormalised(surface) ? surface : Surface.normalised(surface)
    }

    /// What keeps two audiences apart, each field with both sides' values ("region emea / latam"), or nil
    /// when they may overlap (then the pair collides, unless an exclusion group holds both).
    public static func audiencesApart(_ a: Audience?, _ b: Audience?) -> String? {
        AudienceOverlap.possible(a, b) ? nil : AudienceOverlap.apart(a, b)
    }
}
