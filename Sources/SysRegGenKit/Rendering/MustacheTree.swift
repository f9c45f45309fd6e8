/// A view reflected once into dictionaries and arrays, the form swift-mustache looks keys up in
/// without reflection.
///
/// swift-mustache finds a key of a struct by building a `Mirror` of it on every lookup; a
/// dictionary it reads directly. Reflecting the whole view once makes rendering linear in the
/// view's size with a small constant, and the key checker resolves names in the same tree, so
/// what it accepts is exactly what a render finds.
public struct MustacheTree: @unchecked Sendable {
    // @unchecked: the tree holds only dictionaries, arrays, strings and booleans, all values,
    // and is never changed after `init`.

    /// The view as `[String: Any]` and `[Any]`, with strings and booleans at the leaves.
    let root: Any

    /// Reflects `view` into a tree.
    public init(_ view: TemplateView) {
        root = Self.make(view)
    }

    /// `value` with every struct turned into `[String: Any]` (its stored properties by name) and
    /// every collection into `[Any]`, recursively; strings, numbers and booleans as they are.
    private static func make(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label { fields[label] = make(child.value) }
            }
            return fields
        case .collection:
            return mirror.children.map { make($0.value) }
        default:
            return value
        }
    }
}
