import CanaryCore
import Foundation

/// The answer of `pip index versions <package> --pre`, parsed.
public struct PipIndexVersions: Equatable, Sendable {
    /// The package name as pip printed it.
    public let package: String
    /// The version pip would install (in the first line's parentheses).
    public let latest: String
    /// Every listed version, in pip's order (newest first).
    public let versions: [String]

    /// Parses pip's stdout:
    /// `spec-kitty-cli (4.0.0rc7)` then `Available versions: 4.0.0rc7, 4.0.0rc6, ...`.
    public static func parse(_ output: String) throws -> PipIndexVersions {
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let available = lines.first(where: { $0.hasPrefix("Available versions:") }) else {
            throw PackageIndexError.unparseable(reason: "no 'Available versions:' line", output: output)
        }
        let versions = available.dropFirst("Available versions:".count).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !versions.isEmpty else {
            throw PackageIndexError.unparseable(reason: "the version list is empty", output: output)
        }
        var package = "", latest = ""
        if let header = lines.first(where: { $0.hasSuffix(")") && $0.contains(" (") }),
           let open = header.range(of: " (", options: .backwards) {
            package = String(header[..<open.lowerBound])
            latest = String(header[open.upperBound...].dropLast())
        }
        return PipIndexVersions(package: package, latest: latest, versions: versions)
    }
}
