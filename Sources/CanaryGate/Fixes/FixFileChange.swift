import CanaryCore
import Foundation

/// One file a fix commit touched, with its line counts (`git show --numstat`).
public struct FixFileChange: Codable, Equatable, Sendable {
    /// The path inside the repository.
    public let path: String
    /// Lines added.
    public let addedLines: Int
    /// Lines removed.
    public let removedLines: Int

    /// Creates a file change.
    public init(path: String, addedLines: Int, removedLines: Int) {
        self.path = path
        self.addedLines = addedLines
        self.removedLines = removedLines
    }

    /// True for test code: `tests/` trees, `test_*.py`, `*_test.py`, `conftest.py`.
    public var isTest: Bool {
        let components = path.split(separator: "/").map(String.init)
        let name = components.last ?? path
        return components.dropLast().contains { $0 == "tests" || $0 == "test" }
            || (name.hasPrefix("test_") && name.hasSuffix(".py"))
            || name.hasSuffix("_test.py") || name == "conftest.py"
    }

    /// True for program source; docs, changelogs and metadata are not code.
    public var isCode: Bool {
        let codeExtensions: Set<String> = ["py", "pyi", "pyx", "sh", "js", "ts", "swift", "go", "rs", "c", "h", "sql"]
        return !isTest && codeExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// True when the file actually changed lines (a rename alone changes none).
    public var changesLines: Bool { addedLines + removedLines > 0 }

    enum CodingKeys: String, CodingKey {
        case path
        case addedLines = "added_lines"
        case removedLines = "removed_lines"
    }
}
