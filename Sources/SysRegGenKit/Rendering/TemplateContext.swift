/// A value whose keys templates name: a target language's view, or an element of one of its
/// lists.
///
/// Its keys are one table of typed readers. ``TemplateCompiler`` resolves every name of a
/// template against these tables once, when the template set loads, and reports a name that
/// resolves nowhere; rendering then calls the readers directly, with no lookup by name, no cast
/// and no reflection.
public protocol TemplateContext: Sendable {
    /// Every key templates may name, with how to read it.
    static var keys: [String: TemplateKey<Self>] { get }
}

extension TemplateContext {
    /// The value of `name` (a `String`, a `Bool` or an array of contexts); `nil` when it is no
    /// key.
    public func value(of name: String) -> Any? {
        let reader = Self.keys[name]?.reader
        if let read = reader?.text { return read(self) }
        switch reader {
        case .flag(let read): return read(self)
        case .list(let list): return list.value(in: self)
        case .text, .utf8, nil: return nil
        }
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
///
/// `Context` is not constrained to ``TemplateContext`` in the type itself (only where a list
/// key is made): a type's key table is made by non-generic code, which instantiates
/// `TemplateKey<ItsType>` by name at run time, and a constraint there is checked by searching
/// the binary's conformance records, once per view type (about 0.2M instructions each).
public struct TemplateKey<Context>: Sendable {
    /// How to read it, typed.
    enum Reader: Sendable {
        case text(@Sendable (Context) -> String)
        /// Text the context appends to the output as UTF-8 itself, with no `String` made.
        case utf8(@Sendable (Context, inout RenderOutput) -> Void)
        case flag(@Sendable (Context) -> Bool)
        case list(any ListKey<Context>)

        /// How to read it as a `String`, when it holds text.
        var text: (@Sendable (Context) -> String)? {
            switch self {
            case .text(let read): read
            case .utf8(let write):
                { context in
                    var output = RenderOutput(capacity: 64)
                    write(context, &output)
                    return output.finished().string
                }
            case .flag, .list: nil
            }
        }
    }

    let reader: Reader

    /// What it holds.
    var kind: TemplateKeyKind {
        switch reader {
        case .text, .utf8: .text
        case .flag: .flag
        case .list(let list): .list(list.elementType)
        }
    }

    /// A key holding text.
    public static func text(_ read: @escaping @Sendable (Context) -> String) -> Self {
        Self(reader: .text(read))
    }

    /// A key holding text that `write` appends to the output as UTF-8: for a view of
    /// thousands of values that are parts of a few buffers, rather than strings of their own.
    static func utf8(_ write: @escaping @Sendable (Context, inout RenderOutput) -> Void) -> Self {
        Self(reader: .utf8(write))
    }

    /// A key holding a boolean.
    public static func flag(_ read: @escaping @Sendable (Context) -> Bool) -> Self {
        Self(reader: .flag(read))
    }
}

extension TemplateKey where Context: TemplateContext {
    /// A key holding a list of contexts.
    public static func list<Element: TemplateContext>(_ read: @escaping @Sendable (Context) -> [Element]) -> Self {
        Self(reader: .list(TypedListKey(read: read)))
    }
}

/// A list key with its element type kept, so that a section over it compiles for that type.
protocol ListKey<Context>: Sendable {
    associatedtype Context
    /// The type of its elements.
    var elementType: any TemplateContext.Type { get }
    /// Its value in `context`, as an array of its element type.
    func value(in context: Context) -> Any
    /// A section over it, the list held by the context at `level`: its body compiled for the
    /// element type on top of `scope`, or, `inverted`, for `Current` (shown when the list is
    /// empty).
    func section<Current: TemplateContext>(
        _ tag: TemplateTag, _ body: [TemplateNode], inverted: Bool, level: Int, in scope: TemplateScope,
        _ compiler: inout TemplateCompiler, for current: Current.Type
    ) -> CompiledSection<Current>
}

/// Unconstrained in the type itself, for the reason ``TemplateKey`` is.
private struct TypedListKey<Context, Element>: Sendable {
    let read: @Sendable (Context) -> [Element]
}

extension TypedListKey: ListKey where Context: TemplateContext, Element: TemplateContext {
    var elementType: any TemplateContext.Type { Element.self }

    func value(in context: Context) -> Any { read(context) }

    func section<Current: TemplateContext>(
        _ tag: TemplateTag, _ body: [TemplateNode], inverted: Bool, level: Int, in scope: TemplateScope,
        _ compiler: inout TemplateCompiler, for current: Current.Type
    ) -> CompiledSection<Current> {
        let elements = Context.reader(read, level: level, in: scope, for: Current.self)
        if inverted {
            let block = compiler.block(body, for: Current.self, in: scope)
            return CompiledSection(
                step: CompiledBlock<Current>.step { context, state in
                    if elements(context, state)?.isEmpty == true { block.render(context, &state) }
                }, outermostRead: block.outermostRead)
        }
        let block = compiler.block(body, for: Element.self, in: scope.entering(Element.self))
        // The body finds the context it is in (and those further out, kept by enclosing
        // sections) in the render's frames only when it reads a key of it.
        let top = scope.level
        let keep = block.outermostRead <= top
        // A list of the view itself is most of its template's output (every register's part of
        // the kernel header): it renders in chunks on every core.
        let inChunks = top == 0
        let split = scope.split(at: tag.name)
        if split != nil { compiler.splitSections += 1 }
        // Each element's part, when the split places elements by a text key (checked with the
        // directive).
        let place: (@Sendable (Element) -> Int)? =
            if let split, let placement = split.placement, let read = Element.keys[placement]?.reader.text {
                { split.part(of: read($0)) }
            } else {
                nil
            }
        return CompiledSection(
            step: CompiledBlock<Current>.step { context, state in
                guard let list = elements(context, state) else { return }
                if keep { state.frames[top] = context }
                if inChunks {
                    state.renderInChunks(list, block, splitting: split != nil, place: place)
                } else {
                    for element in list { block.render(element, &state) }
                }
            }, outermostRead: block.outermostRead)
    }
}
