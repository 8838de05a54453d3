/// A profile `p` can switch to, as the UI knows it: the runtime reads its key only when it is chosen.
public struct ProfileChoice: Sendable, Equatable {
    public var name: String
    /// Where it sends, in words: `SANDBOX`, `LIVE api.app.thrivestack.ai`, `CUSTOM 127.0.0.1:8787`.
    public var summary: String
    /// True for entries the program adds (the embedded sandbox, the command line's own target): the title then
    /// shows no profile name and the history records none.
    public var builtIn: Bool

    public init(name: String, summary: String, builtIn: Bool = false) {
        self.name = name; self.summary = summary; self.builtIn = builtIn
    }
}
