import CanaryCore
import Foundation

/// Whether a fix does what a fix must: change behaviour and prove it with a test.
public enum FixVerdict: Equatable, Sendable {
    /// Changes code beyond log calls and adds or changes a test.
    case substantive
    /// Falls short; the text says how (e.g. "no test added or changed").
    case diagnosticOnly(String)
}
