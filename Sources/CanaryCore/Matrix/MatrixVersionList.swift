import Foundation

/// The versions a matrix runs, in the order given, without repeats.
public enum MatrixVersionList {
    /// Parses version arguments; a comma or whitespace also separates versions, so `"3.2.0,3.2.7"` works.
    ///
    /// A version written twice, in any spelling, runs once: two runs of one CLI would share a
    /// venv and an evidence directory.
    public static func parse(_ arguments: [String]) throws -> [SpecKittyVersion] {
        let words = arguments.flatMap { $0.split { $0 == "," || $0.isWhitespace }.map(String.init) }
        var seen = Set<SpecKittyVersion>()
        var versions: [SpecKittyVersion] = []
        for word in words {
            guard let version = try? SpecKittyVersion(word) else { throw MatrixError.invalidVersion(word) }
            if seen.insert(version).inserted { versions.append(version) }
        }
        guard !versions.isEmpty else { throw MatrixError.noVersions }
        return versions
    }

    /// The versions as one line of JSON (`["3.2.0","3.2.7"]`), what an Actions job matrix reads from a step output.
    public static func json(_ versions: [SpecKittyVersion]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding an array of strings cannot fail.
        let data = (try? encoder.encode(versions.map(\.description))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
