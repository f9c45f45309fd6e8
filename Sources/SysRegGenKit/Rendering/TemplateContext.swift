import Mustache

/// A value whose keys templates name: a target language's view, or an element of one of its
/// lists.
///
/// Its keys are one table of typed readers. Rendering reads it through swift-mustache's
/// `MustacheParent` (a dictionary lookup and a call, no reflection), and ``TemplateKeyChecker``
/// reads the kinds of the same table, so a name the checker accepts is one a render finds.
public protocol TemplateContext: MustacheParent, Sendable {
    /// Every key templates may name, with how to read it.
    static var keys: [String: TemplateKey<Self>] { get }
}

extension TemplateContext {
    /// The value of `name`, for swift-mustache; `nil` when it is no key.
    public func child(named name: String) -> Any? {
        Self.keys[name]?.read(self)
    }

    /// What `key` holds, or `nil` when it is no key.
    static func kind(of key: String) -> TemplateKeyKind? {
        keys[key]?.kind
    }

    /// Every key's name, sorted.
    static var keyNames: [String] {
        keys.keys.sorted()
    }
}

/// What a key holds, as templates use it.
public enum TemplateKeyKind: Sendable {
    /// Text placed as it is.
    case text
    /// A boolean: a section shows when it is true (an inverted one when false).
    case flag
    /// A list: a section repeats once per element, in the element's context.
    case list(any TemplateContext.Type)
}

/// One key of a ``TemplateContext``: its kind and how to read it.
public struct TemplateKey<Context>: Sendable {
    let kind: TemplateKeyKind
    let read: @Sendable (Context) -> Any

    /// A key holding text.
    public static func text(_ read: @escaping @Sendable (Context) -> String) -> Self {
        Self(kind: .text, read: read)
    }

    /// A key holding a boolean.
    public static func flag(_ read: @escaping @Sendable (Context) -> Bool) -> Self {
        Self(kind: .flag, read: read)
    }

    /// A key holding a list of contexts.
    public static func list<Element: TemplateContext>(_ read: @escaping @Sendable (Context) -> [Element]) -> Self {
        Self(kind: .list(Element.self), read: read)
    }
}
