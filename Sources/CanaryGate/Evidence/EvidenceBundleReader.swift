import CanaryCore
import Foundation

/// Reads the run files of an evidence bundle (`<bundle>/runs/run-N.json`), trusting no exit code.
///
/// Each file is decoded strictly, as the harness wrote it (`RunDocumentCoding`,
/// with `CanaryRunResult`'s invariants checked), and only then summarised for
/// the gate: a file the harness would refuse is a problem, never a verdict.
public struct EvidenceBundleReader: Sendable {
    private let files: GateFileReading

    /// Creates a reader over `files`.
    public init(files: GateFileReading = LocalFileReader()) {
        self.files = files
    }

    /// The run files in run-number order, and a problem line for each file that could not be read.
    public func runs(in bundle: String) -> (runs: [GateRunFile], problems: [String]) {
        let directory = bundle + "/runs"
        let names = files.entries(of: directory)
            .compactMap { name -> (Int, String)? in
                guard name.hasPrefix("run-"), name.hasSuffix(".json"),
                      let number = Int(name.dropFirst(4).dropLast(5)) else { return nil }
                return (number, name)
            }
            .sorted { $0.0 < $1.0 }
        var runs: [GateRunFile] = []
        var problems: [String] = []
        for (_, name) in names {
            do {
                runs.append(GateRunFile(try RunDocumentCoding.decodeRun(files.contents(of: "\(directory)/\(name)"))))
            } catch {
                problems.append("runs/\(name) is not a readable run file: \(error)")
            }
        }
        return (runs, problems)
    }
}
