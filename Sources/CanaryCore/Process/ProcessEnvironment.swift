import Foundation

/// The complete environment a child process starts with.
///
/// `Foundation.Process.environment` and `posix_spawn` both *replace* the
/// parent's environment, so a partial dictionary silently drops PATH and
/// friends; this type makes the choice between "inherit and adjust" and
/// "exactly this" explicit at the call site.
public struct ProcessEnvironment: Equatable, Sendable {
    /// Every variable the child sees.
    public var variables: [String: String]

    /// Exactly `variables`, nothing inherited.
    public init(exactly variables: [String: String]) {
        self.variables = variables
    }

    /// This process's environment, minus `removing`, plus `overrides`.
    public static func inheriting(
        _ overrides: [String: String] = [:],
        removing: Set<String> = [],
        from base: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProcessEnvironment {
        var merged = base.filter { !removing.contains($0.key) }
        merged.merge(overrides) { _, new in new }
        return ProcessEnvironment(exactly: merged)
    }

    /// The value of `name`, or nil.
    public subscript(name: String) -> String? {
        get { variables[name] }
        set { variables[name] = newValue }
    }

    /// The entries as `NAME=value` strings, sorted so logs are stable.
    public var entries: [String] {
        variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}
