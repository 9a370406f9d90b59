import CanaryCore
import CanaryGate
import Foundation

/// `canary matrix`: the four scenarios once per CLI version, as one scenarios × versions table;
/// with `--list` the versions as JSON, with `--merge` columns run elsewhere as one table.
enum MatrixCommand {
    /// Runs, lists or merges; returns 0 when every supported version passed every scenario, 1 otherwise, 2 on a host not isolated, 64 on bad arguments.
    static func run(_ arguments: [String]) -> Int32 {
        let options: MatrixOptions
        let line: ReleaseLine?
        switch MatrixOptions.spec.invocation(arguments, { parsed in
            (try MatrixOptions(parsed: parsed),
             try parsed.value("--line", invalid: "expected release numbers such as 3.2") { try? ReleaseLine($0) })
        }) {
        case let .exit(code): return code
        case let .run(parsed): (options, line) = parsed
        }
        switch options.mode {
        case .run: break
        case let .list(_, newestReleaseCandidate):
            return list(options.versions, line: line, newestReleaseCandidate: newestReleaseCandidate)
        case let .merge(columnDirectories, expected):
            return merge(columnDirectories, expected: expected, options: options)
        }
        // The CLI's daemon scan is host-wide: beside a daemon the matrix did not start, every red would be the host's.
        if let refusal = HostSyncDaemon.refusal(DaemonWindow.host.sharing { HostSyncDaemon.scan() }) {
            FileHandle.standardError.write(Data("canary matrix: \(refusal)\n".utf8))
            return 2
        }
        let repoRoot = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard FileManager.default.fileExists(atPath: repoRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path) else {
            FileHandle.standardError.write(Data("canary matrix: run it from the package root (no scripts/bootstrap-spec-kitty.sh here)\n".utf8))
            return UsageError.exitCode
        }
        let stamp = Timestamp.iso8601(Date()).replacingOccurrences(of: ":", with: "")
        let output = URL(fileURLWithPath: options.outputDirectory ?? "artifacts/matrix-\(stamp)", relativeTo: repoRoot).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            FileHandle.standardError.write(Data("canary matrix: cannot create \(output.path): \(error)\n".utf8))
            return 1
        }
        let workers: Int
        do {
            workers = try options.jobs ?? ScenarioJobs.width(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("canary matrix: \(error)\n".utf8))
            return UsageError.exitCode
        }
        let budget = MatrixWorkerBudget(workers: workers, versions: options.versions.count)
        LoggedProcess.endAllOnTermination()
        let progress = ProgressPrinter()
        progress.say("\(options.versions.count) version(s), profile \(options.profile), \(budget.versionsAtOnce) version(s) at a time "
            + "with \(budget.scenariosPerVersion) scenario(s) each at once (\(workers) worker(s)), output \(output.path)")

        if !options.skipBuild {
            progress.say("building the tests once (log \(output.path)/build.log)")
            let build = ProgressHeartbeat.during("building the tests", every: 20, output: { progress.say($0) }) {
                try? LoggedProcess.run(
                    ["swift", "build", "--build-tests"] + (options.scratchPath.map { ["--scratch-path", $0] } ?? []),
                    environment: ProcessInfo.processInfo.environment, directory: repoRoot,
                    log: output.appendingPathComponent("build.log"), timeout: 60 * 60)
            }
            guard build?.exitCode == 0 else {
                progress.say("the build failed; see \(output.path)/build.log")
                return 1
            }
        }

        let runner = MatrixVersionRunner(repoRoot: repoRoot, outputDirectory: output, profile: options.profile,
                                         scratchPath: options.scratchPath, scenarioJobs: budget.scenariosPerVersion,
                                         progress: { progress.say($0) })
        let columns = runAll(options.versions, at: budget.versionsAtOnce, runner: runner)
        // Columns whose processes a signal ended are no verdicts: no matrix is written, and the
        // signal's handler ends the process once every child is gone.
        if LoggedProcess.isTerminating { DispatchSemaphore(value: 0).wait() }
        return write(VersionMatrix(profile: options.profile, generatedAt: Date(), columns: columns), into: output, say: progress.say)
    }

    /// Writes matrix.json and matrix.md, prints the table; 0 when every supported version passed every scenario.
    private static func write(_ matrix: VersionMatrix, into output: URL, say: (String) -> Void) -> Int32 {
        do {
            try matrix.write(into: output)
        } catch {
            say("could not write the matrix: \(error)")
            return 1
        }
        MatrixMarkdown.table(matrix).forEach { print($0) }
        say("wrote \(output.path)/\(VersionMatrix.jsonFileName) and \(VersionMatrix.markdownFileName)")
        let green = matrix.columns.allSatisfy { $0.isUnsupported || $0.passCount == $0.cells.count }
        return green ? 0 : 1
    }

    /// `--list`: the versions given, or the index's, as one JSON line on stdout (an Actions job matrix reads it).
    private static func list(_ given: [SpecKittyVersion], line: ReleaseLine?, newestReleaseCandidate: Bool) -> Int32 {
        var versions = given
        if given.isEmpty {
            let index = PipPackageIndex()
            do {
                versions = MatrixVersionSelection.fromIndex(try index.versions(of: MatrixVersionSelection.packageName))
            } catch {
                FileHandle.standardError.write(Data("canary matrix --list: \(index.indexDescription): \(error)\n".utf8))
                return 1
            }
        }
        do {
            print(MatrixVersionList.json(try MatrixVersionSelection.select(versions, line: line, newestReleaseCandidate: newestReleaseCandidate)))
            return 0
        } catch {
            FileHandle.standardError.write(Data("canary matrix --list: \(error)\n".utf8))
            return 1
        }
    }

    /// `--merge`: column directories that ran apart, read as a run reads its own, written as one matrix.
    private static func merge(_ columnDirectories: [String], expected: [SpecKittyVersion], options: MatrixOptions) -> Int32 {
        let progress = ProgressPrinter()
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let columns: [MatrixColumn]
        do {
            columns = try MatrixMerge.read(directories: columnDirectories.map { URL(fileURLWithPath: $0, relativeTo: here) },
                                           expected: expected)
        } catch {
            FileHandle.standardError.write(Data("canary matrix --merge: \(error)\n\n\(MatrixOptions.usage)\n".utf8))
            return UsageError.exitCode
        }
        for column in columns where column.source == .missing {
            progress.say("\(column.version): missing: \(column.note ?? "")")
        }
        let output = URL(fileURLWithPath: options.outputDirectory ?? ".", relativeTo: here).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            FileHandle.standardError.write(Data("canary matrix --merge: cannot create \(output.path): \(error)\n".utf8))
            return 1
        }
        progress.say("merged \(columnDirectories.count) column director\(columnDirectories.count == 1 ? "y" : "ies") into \(columns.count) column(s)")
        return write(VersionMatrix(profile: options.profile, generatedAt: Date(), columns: columns), into: output, say: progress.say)
    }

    /// Runs the versions `width` at a time, in the order asked; columns come back in that order.
    ///
    /// Threads of their own, not `concurrentPerform`: a column waits on its
    /// script, and the core count must not cap how many wait at once.
    private static func runAll(_ versions: [SpecKittyVersion], at width: Int, runner: MatrixVersionRunner) -> [MatrixColumn] {
        let results = ColumnSlots(count: versions.count)
        SideBySide.run(versions.count, width: width) { index in
            results.store(runner.run(versions[index]), at: index)
        }
        return results.columns
    }
}

/// Collects the columns the version workers finish, by index.
private final class ColumnSlots: @unchecked Sendable {
    private let lock = Lock()
    private var slots: [MatrixColumn?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ column: MatrixColumn, at index: Int) { lock.withLock { slots[index] = column } }

    var columns: [MatrixColumn] { lock.withLock { slots.compactMap { $0 } } }
}

/// Timestamped progress lines on stdout, one writer at a time.
private final class ProgressPrinter: @unchecked Sendable {
    private let lock = Lock()

    func say(_ line: String) {
        let stamp = Timestamp.iso8601(Date())
        lock.withLock {
            print("[matrix \(stamp)] \(line)")
            fflush(stdout)
        }
    }
}
