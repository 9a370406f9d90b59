import Foundation

/// One version's directory of a matrix (`<out>/<version>/`), and the one way its column is read from it.
///
/// The runner reads the column it has just run here, and `canary matrix --merge`
/// reads columns that ran elsewhere (another job of an Actions matrix) here too,
/// so a column cannot mean one thing on the machine that ran it and another in
/// the merge.
public struct MatrixColumnDirectory: Equatable, Sendable {
    /// What reading the directory gave: the column, and the run document it came from, if any.
    public struct Reading: Equatable, Sendable {
        /// The column.
        public let column: MatrixColumn
        /// The run document read, for a column of `source == .run`.
        public let run: CanaryRunResult?
    }

    /// The script's outcome, as JSON, inside the directory.
    public static let outcomeFileName = "outcome.json"
    /// The bootstrap's log inside the directory.
    public static let bootstrapLogName = "bootstrap.log"
    /// The protocol script's log inside the directory.
    public static let scriptLogName = "script.log"

    /// The directory.
    public let directory: URL
    /// The version the column is of.
    public let version: String

    /// The directory of `version`, under the matrix's output directory `root`.
    public init(root: URL, version: String) {
        self.init(directory: root.appendingPathComponent(version, isDirectory: true), version: version)
    }

    /// A column directory at `directory`, wherever it was moved to.
    public init(directory: URL, version: String) {
        self.directory = directory.standardizedFileURL
        self.version = version
    }

    /// The script's outcome file.
    public var outcomeFile: URL { directory.appendingPathComponent(Self.outcomeFileName) }
    /// The bootstrap's log.
    public var bootstrapLog: URL { directory.appendingPathComponent(Self.bootstrapLogName) }
    /// The protocol script's log.
    public var scriptLog: URL { directory.appendingPathComponent(Self.scriptLogName) }

    /// The newest sealed attempt of this version holding a run, from an earlier matrix into the same directory.
    public var recordedBundle: EvidenceBundle? { EvidenceBundle.latestWithRuns(root: directory, tag: version) }

    /// The column the directory holds.
    ///
    /// `exitStatus` and `exitDescription` are the script process's, when the
    /// caller ran it; otherwise the status the script wrote into `outcome.json`
    /// counts. Exit 2 is the preflight: `cli.unsupported` makes an unsupported
    /// column, any other refusal a missing one. Otherwise the column comes from
    /// run 1 of the bundle the outcome names; without an outcome, from the newest
    /// attempt holding a run (a column reused from an earlier matrix).
    public func read(exitStatus: Int32? = nil, exitDescription: String? = nil, durationSeconds: Double? = nil) -> Reading {
        let written = FileManager.default.contents(atPath: outcomeFile.path)
        guard written != nil || exitStatus != nil else {
            if let bundle = recordedBundle {
                return column(runFile: bundle.runFile(1), exit: "reused", durationSeconds: durationSeconds)
            }
            return missing("harness: no \(Self.outcomeFileName) and no recorded run in \(directory.path) "
                           + "(the install or the protocol script did not finish; see \(Self.bootstrapLogName) and \(Self.scriptLogName))",
                           durationSeconds: durationSeconds)
        }
        let status = exitStatus ?? Self.writtenExitStatus(written) ?? -1
        let outcome = CanaryScriptOutcome.read(outcomeFile: written, exitStatus: status, base: directory.path)
        let exit = exitDescription ?? "exit \(status)"
        if status == 2 {
            let summary = outcome.summaryLine ?? "preflight refused"
            if let reason = MatrixColumn.unsupportedReason(inScriptSummary: summary) {
                return Reading(column: .unsupported(version: version, reason: reason), run: nil)
            }
            return missing("harness: the protocol script refused to run: \(summary)", durationSeconds: durationSeconds)
        }
        guard let named = outcome.evidenceDirectory else {
            return missing("harness: the protocol script left no evidence (\(exit)): \(outcome.summaryLine ?? "")", durationSeconds: durationSeconds)
        }
        // The bundle is always a child of this directory (its evidence root), but the outcome names it by
        // the absolute path of the machine that ran it: a column that travelled finds it by name here.
        let bundle = EvidenceBundle(directory: directory.appendingPathComponent(URL(fileURLWithPath: named).lastPathComponent))
        return column(runFile: bundle.runFile(1), exit: exit, durationSeconds: durationSeconds)
    }

    private func column(runFile: URL, exit: String, durationSeconds: Double?) -> Reading {
        do {
            guard let data = FileManager.default.contents(atPath: runFile.path) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: runFile.path])
            }
            let run = try RunDocumentCoding.decodeRun(data)
            return Reading(column: .from(run: run, version: version, durationSeconds: durationSeconds), run: run)
        } catch {
            return missing("harness: the run left no readable run document \(runFile.path) (\(exit)): \(error)", durationSeconds: durationSeconds)
        }
    }

    private func missing(_ reason: String, durationSeconds: Double?) -> Reading {
        Reading(column: .missing(version: version, reason: reason, durationSeconds: durationSeconds), run: nil)
    }

    /// The `exit_status` the script wrote, for a column read without its process.
    private static func writtenExitStatus(_ data: Data?) -> Int32? {
        struct Written: Decodable {
            let exitStatus: Int32
            enum CodingKeys: String, CodingKey { case exitStatus = "exit_status" }
        }
        return data.flatMap { try? JSONDecoder().decode(Written.self, from: $0).exitStatus }
    }
}
