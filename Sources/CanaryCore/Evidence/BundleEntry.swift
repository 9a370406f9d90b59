import Foundation

/// One thing found below an evidence bundle, as the manifest's verifier judges it.
///
/// Only regular files can be evidence: a symbolic link can point anywhere and
/// change without the bundle changing, and a FIFO, socket or device has no
/// bytes to digest, so each is named rather than read.
public struct BundleEntry: Equatable, Sendable {
    /// What the entry is.
    public enum Kind: Equatable, Sendable {
        /// A regular file and its bytes.
        case file(Data)
        /// A directory with nothing in it (evidence that was removed, or never written).
        case emptyDirectory
        /// A symbolic link, with where it points.
        case symbolicLink(target: String)
        /// A FIFO, socket or device, by kind.
        case special(String)
    }

    /// The path relative to the bundle, `/`-separated.
    public var path: String
    /// What it is.
    public var kind: Kind

    /// An entry.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Why this entry cannot be evidence, or nil for a regular file.
    public var irregularity: String? {
        switch kind {
        case .file: nil
        case .emptyDirectory: "\(path) is an empty directory"
        case let .symbolicLink(target): "\(path) is a symbolic link (to \(target)), not a file"
        case let .special(kind): "\(path) is a \(kind), not a file"
        }
    }
}
