import CanaryCore
import Foundation

/// Which part of the four-run protocol the gate asks the script for.
public enum CanaryRunMode: String, Codable, Sendable {
    /// `--single`: one run of the four scenarios.
    case single
    /// The default: four sequential runs.
    case fourRun = "four_run"

    /// How many run files the bundle must hold afterwards.
    public var expectedRuns: Int { self == .single ? 1 : 4 }

    /// The script's arguments; `--yes` because the gate has no terminal to confirm on.
    public var scriptArguments: [String] { self == .single ? ["--single", "--yes"] : ["--yes"] }

    /// "single run" or "four-run protocol".
    public var label: String { self == .single ? "single run" : "four-run protocol" }
}
