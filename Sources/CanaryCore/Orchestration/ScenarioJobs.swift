import Foundation

/// How many scenarios run at once: `CANARY_JOBS`, all four by default, 1 for today's serial order.
public enum ScenarioJobs {
    /// The variable that sets it.
    public static let variable = "CANARY_JOBS"

    /// Why a `CANARY_JOBS` value is refused.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        /// The value as given.
        public var value: String

        public var description: String { "\(ScenarioJobs.variable)='\(value)' is not a whole number of at least 1" }
    }

    /// The width from `environment`: all four scenarios when unset or empty.
    ///
    /// The scenarios mostly wait on the CLI (its start-up and its own store
    /// lock), so four at once pays off even on two cores.
    public static func width(environment: [String: String]) throws(Invalid) -> Int {
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return ScenarioID.allCases.count
        }
        guard let width = Int(text), width >= 1 else { throw Invalid(value: text) }
        return width
    }
}
