/// Compiles each template of a set against the view it names, before anything renders.
///
/// Every name a template uses is resolved once, here, against the key tables of the view's
/// types (``TemplateContext/keys``), with the stack of contexts a render has at that tag: the
/// innermost context that has the key holds it. A name that resolves nowhere is reported at its
/// line and column (Mustache would render it as an empty string, turning a typo into silently
/// wrong generated code); so is a list named as text, and a partial that is missing or includes
/// itself. What compiles is a tree of typed steps (``CompiledBlock``): rendering calls the
/// key readers directly and appends their text.
struct TemplateCompiler {
    /// The parsed templates and partials by name, with their paths.
    let templates: [String: (path: String, parsed: ParsedTemplate)]
    /// Problems found so far.
    private(set) var diagnostics: [Diagnostic] = []
    /// The deepest stack any compiled block needs: the render's frame count.
    private(set) var frameCount = 1
    /// The sections over the split's list found so far in the template being compiled.
    var splitSections = 0

    init(templates: [String: (path: String, parsed: ParsedTemplate)]) {
        self.templates = templates
    }

    /// The directives the template `name` declares (``TemplateDirectives``), or every problem
    /// with them: a value the key does not take, a key given twice.
    func directives(of name: String) -> Result<TemplateDirectives, DiagnosticList> {
        guard let (path, parsed) = templates[name] else { return .success(TemplateDirectives()) }
        var directives = TemplateDirectives()
        // A list, not a dictionary: a template declares a few, and a dictionary keyed by a type
        // of its own instantiates its storage type at run time.
        var declared: [(key: DirectiveKey, location: SourceLocation)] = []
        var diagnostics: [Diagnostic] = []
        for comment in parsed.comments {
            let words = comment.text.split(separator: ":", maxSplits: 1)
            guard words.count == 2, let key = DirectiveKey(rawValue: trimmed(words[0])) else { continue }
            let location = SourceLocation(path: path, line: comment.line, column: comment.column)
            let value = trimmed(words[1])
            if let earlier = declared.first(where: { $0.key == key })?.location {
                diagnostics.append(
                    .error(
                        "a template names one \(key.rawValue); this one is named again here", at: location,
                        notes: [.note("first named here", at: earlier)]))
                continue
            }
            declared.append((key, location))
            if !key.set(value, in: &directives) {
                diagnostics.append(.error(key.rejection(of: value), at: location))
            } else if key == .split {
                directives.splitLocation = location
            }
        }
        return diagnostics.isEmpty ? .success(directives) : .failure(DiagnosticList(diagnostics))
    }

    /// The template `name` compiled against the view and split its `directives` name; `nil`
    /// when it has problems, which are added to ``diagnostics``.
    mutating func compile(_ name: String, _ directives: TemplateDirectives) -> CompiledTemplate? {
        guard let (path, parsed) = templates[name] else { return nil }
        let before = diagnostics.count
        frameCount = 1
        splitSections = 0
        let template = compile(
            parsed.nodes, path: path, name: name, view: directives.view.type, split: directives.split)
        if let split = directives.split {
            checkSplit(split, at: directives.splitLocation, view: directives.view.type)
        }
        return diagnostics.count == before ? template : nil
    }

    private mutating func compile<View: TargetView>(
        _ nodes: [TemplateNode], path: String, name: String, view: View.Type, split: OutputSplit?
    ) -> CompiledTemplate {
        var scope = TemplateScope(frames: [View.self], path: path, partials: [name])
        scope.split = split
        let block = block(nodes, for: View.self, in: scope)
        let frameCount = frameCount
        return CompiledTemplate { view in
            guard let view = view as? View else { return nil }
            var state = RenderState(frameCount: frameCount)
            state.frames[0] = view
            block.render(view, &state)
            return RenderedBody(text: state.finished(), split: state.split)
        }
    }

    /// Reports a split whose key is no list of `view`, or that has not exactly one section over
    /// it outside every list section (where it renders at most once), at the directive.
    private mutating func checkSplit(_ split: OutputSplit, at location: SourceLocation?, view: any TargetView.Type) {
        let problem: String
        switch view.kind(of: split.key) {
        case .list(let element)?:
            if splitSections == 1 {
                guard let placement = split.placement else { return }
                if case .text? = element.kind(of: placement) { return }
                // A hint only for a misspelling: a list or flag of that name is not one.
                let hint =
                    element.kind(of: placement) == nil
                    ? closestName(to: placement, in: element.keyNames).map { "; did you mean '\($0)'?" } ?? "" : ""
                problem = "the elements of '\(split.key)' have no text key '\(placement)' to place them by\(hint)"
                break
            }
            problem =
                splitSections == 0
                ? "the split's list '\(split.key)' has no section {{#\(split.key)}} outside every list section"
                : "the split's list '\(split.key)' has \(splitSections) sections outside every list section; a split cuts one"
        case .text?, .flag?:
            problem = "the split names '\(split.key)', which is no list"
        case nil:
            let hint = closestName(to: split.key, in: view.keyNames).map { "; did you mean '\($0)'?" } ?? ""
            problem = "the view has no list '\(split.key)' to split\(hint)"
        }
        diagnostics.append(.error(problem, at: location))
    }

    /// `nodes` compiled for rendering with a `Context` on top of the stack `scope` describes.
    mutating func block<Context: TemplateContext>(
        _ nodes: [TemplateNode], for context: Context.Type, in initial: TemplateScope
    ) -> CompiledBlock<Context> {
        var scope = initial
        var steps: [CompiledBlock<Context>.Step] = []
        var outermostRead = Int.max
        frameCount = max(frameCount, scope.frames.count)
        func append(_ step: CompiledBlock<Context>.Step?) {
            guard let step else { return }
            // Adjacent texts are one step, but under a partial's indentation, which is decided
            // per token.
            if case .text(let text) = step, scope.indentation.isEmpty, case .text(let previous)? = steps.last {
                steps[steps.count - 1] = .text(previous + text)
            } else {
                steps.append(step)
            }
        }
        for node in nodes {
            switch node {
            case .text(let text):
                append(.text(Array(text.utf8)))
            case .contentType(let html):
                scope.html = html
            case .variable(let tag, let escaped):
                let escape = escaped && scope.html
                if tag.name == "." {
                    guard scope.dotIsText else {
                        error("'.' here is a list element, which has no text", tag, scope)
                        continue
                    }
                    append(CompiledBlock<Context>.step { _, state in state.write(state.dot, escape: escape) })
                    continue
                }
                guard let level = resolve(tag, in: scope) else { continue }
                outermostRead = min(outermostRead, level)
                append(
                    scope.frames[level].variable(tag, escape: escape, level: level, in: scope, &self, for: Context.self)
                )
            case .section(let tag, let inverted, let body):
                if tag.name == "." {
                    let block = block(body, for: Context.self, in: scope)
                    outermostRead = min(outermostRead, block.outermostRead)
                    if !inverted {
                        append(CompiledBlock<Context>.step { context, state in block.render(context, &state) })
                    }
                    continue
                }
                guard let level = resolve(tag, in: scope) else {
                    _ = block(body, for: Context.self, in: scope)
                    continue
                }
                outermostRead = min(outermostRead, level)
                let step = scope.frames[level].section(
                    tag, body, inverted: inverted, level: level, in: scope, &self, for: Context.self)
                outermostRead = min(outermostRead, step.outermostRead)
                append(step.step)
            case .partial(let tag, let indentation):
                guard let (path, parsed) = templates[tag.name] else {
                    error("no partial named '\(tag.name)'", tag, scope)
                    continue
                }
                guard !scope.partials.contains(tag.name) else {
                    error("the partial '\(tag.name)' includes itself", tag, scope)
                    continue
                }
                var inner = scope
                inner.path = path
                inner.partials.append(tag.name)
                // swift-mustache renders a partial as HTML until it says otherwise.
                inner.html = true
                inner.indentation += indentation ?? ""
                let block = block(parsed.nodes, for: Context.self, in: inner)
                outermostRead = min(outermostRead, block.outermostRead)
                append(CompiledBlock<Context>.step { context, state in block.render(context, &state) })
            }
        }
        return CompiledBlock(
            steps: StepList(steps), indentation: Array(scope.indentation.utf8), outermostRead: outermostRead)
    }

    /// The level of the innermost context that has the key `tag` names; `nil` (and an error)
    /// when none has.
    private mutating func resolve(_ tag: TemplateTag, in scope: TemplateScope) -> Int? {
        if !tag.name.contains(".") {
            for level in scope.frames.indices.reversed() where scope.frames[level].kind(of: tag.name) != nil {
                return level
            }
        }
        let keys = scope.dotIsText ? [] : scope.frames[scope.frames.count - 1].keyNames
        let hint = closestName(to: tag.name, in: keys).map { "; did you mean '\($0)'?" } ?? ""
        error("the view has no key '\(tag.name)' here\(hint)", tag, scope)
        return nil
    }

    mutating func error(_ message: String, _ tag: TemplateTag, _ scope: TemplateScope) {
        diagnostics.append(.error(message, at: SourceLocation(path: scope.path, line: tag.line, column: tag.column)))
    }

    private func trimmed(_ text: Substring) -> String {
        // In place, as the parser trims comments: no wrapper type instantiated at run time.
        var text = text
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}

/// The stack of contexts at a place in a template, as far as compiling needs it.
struct TemplateScope {
    /// The type of each context on the stack, outermost (the view) first.
    var frames: [any TemplateContext.Type]
    /// The template or partial the place is in, for diagnostics.
    var path: String
    /// The template and the partials that include the place, outermost first.
    var partials: [String]
    /// Whether values are escaped for HTML here (no `{{% CONTENT_TYPE: TEXT}}` before).
    var html = true
    /// Whether `.` is text here: inside a section over a text key.
    var dotIsText = false
    /// What a standalone partial's lines are indented by.
    var indentation = ""
    /// How the output is split, if it is.
    var split: OutputSplit?

    /// The split when a section over `key` here is the one the output is split at: outside
    /// every list section, so that it renders at most once; `nil` otherwise.
    func split(at key: String) -> OutputSplit? { level == 0 && key == split?.key ? split : nil }

    /// The level of the innermost context.
    var level: Int { frames.count - 1 }

    /// The scope inside a section over a list of `element`s.
    func entering(_ element: any TemplateContext.Type) -> TemplateScope {
        var scope = self
        scope.frames.append(element)
        scope.dotIsText = false
        return scope
    }
}

/// A template compiled against its view: renders a view of that type to its text.
struct CompiledTemplate: Sendable {
    /// The text of the template for `view`; `nil` when `view` is of another type.
    let render: @Sendable (any TargetView) -> RenderedBody?
}

/// A template's text for one view, and where its split section's elements end if it has one.
struct RenderedBody {
    /// The text.
    var text: RenderedText
    /// Where the split section starts and each of its elements ends; `nil` when the template
    /// is not split or the section did not render.
    var split: SplitPoints?

    /// The text as `count` parts: each is the text around the split section with its elements,
    /// in order: those its placement put there, or else a run of about equal size in bytes.
    /// Without split points, every part is the whole text, as a section over an empty list
    /// leaves it.
    func parts(_ count: Int) -> [RenderedText] {
        let split = split ?? SplitPoints(start: text.count, ends: [])
        // The offset after the first `j` elements.
        func boundary(_ j: Int) -> Int { j == 0 ? split.start : split.ends[j - 1] }
        let head = text.slice(0, split.start)
        let tail = text.slice(boundary(split.ends.count), text.count)
        if !split.places.isEmpty {
            var parts = Array(repeating: head, count: count)
            for (j, part) in split.places.enumerated() { parts[part] += text.slice(boundary(j), boundary(j + 1)) }
            return parts.map { RenderedText(runs: $0 + tail) }
        }
        let size = boundary(split.ends.count) - split.start
        var cuts = [0]
        for part in 1..<count {
            // The boundary nearest the part's share of the bytes, past the last cut while
            // elements are left: a part is empty only when there are fewer elements than parts.
            let target = split.start + size * part / count
            let first = min(cuts[cuts.count - 1] + 1, split.ends.count)
            var j = first
            while j < split.ends.count && boundary(j) < target { j += 1 }
            if j > first && boundary(j) - target > target - boundary(j - 1) { j -= 1 }
            cuts.append(j)
        }
        cuts.append(split.ends.count)
        return (0..<count).map { part in
            RenderedText(runs: head + text.slice(boundary(cuts[part]), boundary(cuts[part + 1])) + tail)
        }
    }
}

/// Where a split section's text starts in a template's output and where each of its elements'
/// ends, in bytes.
struct SplitPoints {
    /// Where the section's first element starts.
    var start: Int
    /// Where each element ends, in order.
    var ends: [Int]
    /// Each element's part, in order, when the split places them by a key; empty when it cuts
    /// by size.
    var places: [Int] = []
}

/// What a render keeps besides the context on top: the output, the contexts further out that a
/// block reads, and the text `.` is inside a section over text.
struct RenderState {
    /// The text written.
    var output: RenderOutput
    /// The context at each level, where a section kept it for a body that reads it.
    var frames: [(any TemplateContext)?]
    /// The text of the innermost section over text.
    var dot = ""
    /// Where the split section's elements end, once it has rendered.
    var split: SplitPoints?

    init(frameCount: Int) {
        frames = Array(repeating: nil, count: frameCount)
        output = RenderOutput(capacity: RenderOutput.chunkSize)
    }

    /// The number of bytes written so far.
    var count: Int { output.count }

    /// Everything written, as runs.
    func finished() -> RenderedText {
        output.finished()
    }

    /// Appends `block`'s text for each of `elements`: consecutive runs of elements render at
    /// once, each into a state of its own with this one's contexts, and their texts follow
    /// in order as runs of their own, so the output is the same bytes as one element after
    /// the other. With `splitting`, records where the text starts and each element's ends in
    /// ``split``, and with `place` too, each element's part.
    mutating func renderInChunks<Element>(
        _ elements: [Element], _ block: CompiledBlock<Element>, splitting: Bool,
        place: (@Sendable (Element) -> Int)? = nil
    ) {
        if splitting { split = SplitPoints(start: count, ends: [], places: place.map { elements.map($0) } ?? []) }
        // Enough chunks to keep both cores busy when elements differ in size, none so small
        // that starting it costs more than rendering it.
        let chunks = Swift.min(16, elements.count / 32)
        guard chunks > 1 else {
            for element in elements {
                block.render(element, &self)
                let end = count
                if splitting { split?.ends.append(end) }
            }
            return
        }
        let frames = frames
        let dot = dot
        let texts = (0..<chunks).map { elements.count * $0 / chunks..<elements.count * ($0 + 1) / chunks }
            .concurrentMap { range -> (text: RenderedText, ends: [Int]) in
                var state = RenderState(frameCount: 0)
                state.frames = frames
                state.dot = dot
                var ends: [Int] = []
                for element in elements[range] {
                    block.render(element, &state)
                    if splitting { ends.append(state.count) }
                }
                return (state.finished(), ends)
            }
        guard texts.contains(where: { $0.text.count > 0 }) else {
            let end = count
            if splitting { split?.ends += Array(repeating: end, count: elements.count) }
            return
        }
        for (text, ends) in texts {
            let offset = count
            split?.ends += ends.map { $0 + offset }
            output.append(text)
        }
    }

    /// Appends `text`, escaped for HTML when `escape` is set (as swift-mustache escapes).
    mutating func write(_ text: String, escape: Bool) {
        guard escape else {
            // The bytes in one copy; appending the UTF-8 view byte by byte costs several
            // times more.
            output.append(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): output.append("&lt;")
            case UInt8(ascii: ">"): output.append("&gt;")
            case UInt8(ascii: "&"): output.append("&amp;")
            case UInt8(ascii: "\""): output.append("&quot;")
            case UInt8(ascii: "'"): output.append("&#39;")
            default: output.append(byte)
            }
        }
    }
}

/// One token's part of a block's output, whatever the type of the block's context: fixed text,
/// or the code placing a key's text or a section (a ``StepCode`` for that type).
///
/// Not generic over the context: blocks render in code generic over it (a view's types are
/// known only when its templates compile), where walking an array of a generic step looked up
/// the step type's metadata at run time on every render of every block (6.8M instructions
/// for the kernel header).
enum RenderStep: Sendable {
    /// Fixed text, in UTF-8.
    case text([UInt8])
    /// A key's text or a section: a ``StepCode`` of the block's context type.
    case run(AnyObject & Sendable)
}

/// The code of a step, for a context of type `Context`.
final class StepCode<Context>: Sendable {
    let run: @Sendable (Context, inout RenderState) -> Void

    init(_ run: @escaping @Sendable (Context, inout RenderState) -> Void) {
        self.run = run
    }
}

/// A block's steps as rendering walks them: each a plain address, of its text or its code, in
/// storage this list keeps. Walking ``RenderStep``s copied each step out of its array, which
/// retained and released its payload, and the payload's closure (the kernel header is 80,000
/// steps).
final class StepList: @unchecked Sendable {
    /// A step whose text or code the list keeps alive.
    enum Step {
        case text(UnsafeBufferPointer<UInt8>)
        case run(Unmanaged<AnyObject>)
    }

    /// The steps, in order.
    let steps: UnsafeMutableBufferPointer<Step>
    /// Every text step's bytes, one after the other.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Every code step's code, which ``steps`` holds unretained.
    private let codes: [AnyObject & Sendable]

    /// The list of `steps`.
    init(_ steps: [RenderStep]) {
        var size = 0
        for case .text(let text) in steps { size += text.count }
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        let list = UnsafeMutableBufferPointer<Step>.allocate(capacity: steps.count)
        var codes: [AnyObject & Sendable] = []
        var offset = 0
        for (index, step) in steps.enumerated() {
            switch step {
            case .text(let text):
                let target = UnsafeMutableBufferPointer(rebasing: bytes[offset..<offset + text.count])
                _ = target.initialize(from: text)
                list[index] = .text(UnsafeBufferPointer(target))
                offset += text.count
            case .run(let code):
                codes.append(code)
                list[index] = .run(Unmanaged.passUnretained(code))
            }
        }
        self.bytes = bytes
        self.steps = list
        self.codes = codes
    }

    deinit {
        steps.deallocate()
        bytes.deallocate()
    }
}

/// A compiled block: a template, a partial, or a section's body, for a `Context` on top.
struct CompiledBlock<Context: TemplateContext>: Sendable {
    /// One token's part of the output.
    typealias Step = RenderStep

    let steps: StepList
    /// A standalone partial's indentation: swift-mustache puts it before each token's
    /// non-empty output that follows a line break this block wrote.
    let indentation: [UInt8]
    /// The outermost level whose context the block reads; `Int.max` when none.
    let outermostRead: Int

    /// The step running `body` with the block's context.
    static func step(_ body: @escaping @Sendable (Context, inout RenderState) -> Void) -> Step {
        .run(StepCode(body))
    }

    /// Appends the block's text for `context`.
    func render(_ context: Context, _ state: inout RenderState) {
        guard !indentation.isEmpty else {
            for step in steps.steps { Self.run(step, context, &state) }
            return
        }
        let start = state.count
        for step in steps.steps {
            let before = state.count
            let indent =
                before > start && state.output.byte(fromEnd: 1) == UInt8(ascii: "\n")
                && !(before - 1 > start && state.output.byte(fromEnd: 2) == UInt8(ascii: "\r"))
            if indent { state.output.append(indentation) }
            Self.run(step, context, &state)
            // Nothing written after the indentation: it is still the end of `output`.
            if indent && state.count == before + indentation.count {
                state.output.removeLast(indentation.count)
            }
        }
    }

    private static func run(_ step: StepList.Step, _ context: Context, _ state: inout RenderState) {
        switch step {
        case .text(let text): state.output.append(text)
        // Only ``step(_:)`` makes a step's code, with the block's own context type. Borrowed:
        // the list keeps it.
        case .run(let code):
            code._withUnsafeGuaranteedRef { unsafeDowncast($0, to: StepCode<Context>.self).run(context, &state) }
        }
    }
}

/// A section compiled into a block's step.
struct CompiledSection<Context: TemplateContext> {
    var step: CompiledBlock<Context>.Step?
    /// The outermost level its body reads.
    var outermostRead: Int
}

extension TemplateContext {
    /// What `key` holds, or `nil` when it is no key.
    static func kind(of key: String) -> TemplateKeyKind? {
        keys[key]?.kind
    }

    /// `read` applied to the context of this type at `level`, as a block for `Current` finds
    /// it: its own context (read with no cast when it is of this type), or the one a section
    /// kept.
    static func reader<Current: TemplateContext, Value>(
        _ read: @escaping @Sendable (Self) -> Value, level: Int, in scope: TemplateScope, for current: Current.Type
    ) -> @Sendable (Current, RenderState) -> Value? {
        guard level == scope.level else {
            return { _, state in (state.frames[level] as? Self).map(read) }
        }
        if let direct = read as? @Sendable (Current) -> Value {
            return { context, _ in direct(context) }
        }
        return { context, _ in (context as? Self).map(read) }
    }

    /// The step placing the key `tag` names, which this type (at `level`) holds.
    static func variable<Current: TemplateContext>(
        _ tag: TemplateTag, escape: Bool, level: Int, in scope: TemplateScope, _ compiler: inout TemplateCompiler,
        for current: Current.Type
    ) -> CompiledBlock<Current>.Step? {
        let key = keys[tag.name]?.reader
        if case .utf8(let write)? = key, !escape {
            // Written straight into the output. By the block's own context: a step of this type
            // is one of `Current`'s when they are the same; a cast of `write` to a function of
            // `Current` wrapped it in two reabstraction thunks, run at each of the kernel
            // header's 45,000 keys.
            if level == scope.level && Current.self == Self.self {
                return CompiledBlock<Self>.step { context, state in write(context, &state.output) }
            }
            let context = reader({ $0 }, level: level, in: scope, for: Current.self)
            return CompiledBlock<Current>.step { current, state in
                if let context = context(current, state) { write(context, &state.output) }
            }
        }
        if let read = key?.text {
            let value = reader(read, level: level, in: scope, for: Current.self)
            return CompiledBlock<Current>.step { context, state in
                if let text = value(context, state) { state.write(text, escape: escape) }
            }
        }
        switch key {
        case .flag(let read):
            let value = reader(read, level: level, in: scope, for: Current.self)
            return CompiledBlock<Current>.step { context, state in
                if let flag = value(context, state) { state.write(flag ? "true" : "false", escape: false) }
            }
        case .list:
            compiler.error(
                "'\(tag.name)' is a list; name it in a section, {{#\(tag.name)}}…{{/\(tag.name)}}", tag, scope)
            return nil
        case .text, .utf8, nil:
            return nil
        }
    }

    /// The step of a section over the key `tag` names, which this type (at `level`) holds.
    static func section<Current: TemplateContext>(
        _ tag: TemplateTag, _ body: [TemplateNode], inverted: Bool, level: Int, in scope: TemplateScope,
        _ compiler: inout TemplateCompiler, for current: Current.Type
    ) -> CompiledSection<Current> {
        let key = keys[tag.name]?.reader
        if let read = key?.text {
            var inner = scope
            inner.dotIsText = true
            let block = compiler.block(body, for: Current.self, in: inner)
            // A string is a value, even empty: a section over one shows once, an inverted one never.
            guard !inverted else { return CompiledSection(step: nil, outermostRead: block.outermostRead) }
            let value = reader(read, level: level, in: scope, for: Current.self)
            return CompiledSection(
                step: CompiledBlock<Current>.step { context, state in
                    guard let text = value(context, state) else { return }
                    let outer = state.dot
                    state.dot = text
                    block.render(context, &state)
                    state.dot = outer
                }, outermostRead: block.outermostRead)
        }
        switch key {
        case .flag(let read):
            let block = compiler.block(body, for: Current.self, in: scope)
            let value = reader(read, level: level, in: scope, for: Current.self)
            return CompiledSection(
                step: CompiledBlock<Current>.step { context, state in
                    if let flag = value(context, state), flag != inverted { block.render(context, &state) }
                }, outermostRead: block.outermostRead)
        case .list(let list):
            return list.section(tag, body, inverted: inverted, level: level, in: scope, &compiler, for: Current.self)
        case .text, .utf8, nil:
            return CompiledSection(step: nil, outermostRead: .max)
        }
    }
}
