/// Where a template set's templates come from: a built-in set, a built-in set overridden per
/// file by a folder of the user's, or a folder alone.
///
/// With a built-in set, each `NAME.mustache` of the override folder replaces the built-in
/// template of that name, or adds a template when the set has none of that name; the others
/// come from the built-in set, less the ``excluded`` ones. A folder alone is the whole set.
public struct TemplateSource: Hashable, Sendable {
    /// The built-in set it starts from (`swift`), or nil when ``folder`` is the whole set.
    public private(set) var builtin: String?
    /// The user's templates folder: overrides of the built-in set, or the whole set.
    public private(set) var folder: String?
    /// The built-in templates left out, by name without `.mustache` (`LoadPut.swift`).
    public private(set) var excluded: [String]

    private init(builtin: String?, folder: String?, excluded: [String]) {
        self.builtin = builtin
        self.folder = folder
        self.excluded = excluded
    }

    /// Every template of `path`, and no built-in one.
    public static func folder(_ path: String) -> TemplateSource {
        TemplateSource(builtin: nil, folder: path, excluded: [])
    }

    /// The built-in set `name`, less the templates named in `excluded`, with the templates of
    /// `overrides` (when given) replacing the built-in ones of the same name or added to them.
    public static func builtin(
        _ name: String, overriddenBy overrides: String? = nil, excluding excluded: [String] = []
    ) -> TemplateSource {
        TemplateSource(builtin: name, folder: overrides, excluded: excluded)
    }
}
