import CanaryCore
import CanaryGate
import Foundation

/// `canary matrix`: the four scenarios once per CLI version, as one scenarios × versions table.
enum MatrixCommand {
    /// Runs the matrix; returns 0 when every supported version passed every scenario, 1 otherwise, 2 on a host not isolated, 64 on bad arguments.
    static func run(_ arguments: [String]) -> Int32 {
        let options: MatrixOptions
        do {
            options = try MatrixOptions.parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("canary matrix: \(error)\n\n\(MatrixOptions.usage)\n".utf8))
            return UsageError.exitCode
        }
        if options.help {
            print(MatrixOptions.usage)
            return 0
        }
        // The CLI's daemon scan is host-wide: beside a daemon the matrix did not start, every red would be the host's.
        if let refusal = HostSyncDaemon.refusal(HostSyncDaemon.scan()) {
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
        let progress = ProgressPrinter()
        progress.say("\(options.versions.count) version(s), profile \(options.profile), \(options.jobs) at a time, output \(output.path)")

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
                                         scratchPath: options.scratchPath, progress: { progress.say($0) })
        let columns = runAll(options.versions, jobs: options.jobs, runner: runner)
        let matrix = VersionMatrix(profile: options.profile, generatedAt: Date(), columns: columns)
        do {
            try matrix.jsonData().write(to: output.appendingPathComponent("matrix.json"), options: .atomic)
            try Data(MatrixMarkdown.render(matrix).utf8).write(to: output.appendingPathComponent("matrix.md"), options: .atomic)
        } catch {
            progress.say("could not write the matrix: \(error)")
            return 1
        }
        MatrixMarkdown.table(matrix).forEach { print($0) }
        progress.say("wrote \(output.path)/matrix.json and matrix.md")
        let green = columns.allSatisfy { $0.isUnsupported || $0.passCount == $0.cells.count }
        return green ? 0 : 1
    }

    /// Runs the versions `jobs` at a time; columns come back in the order asked.
    private static func runAll(_ versions: [SpecKittyVersion], jobs: Int, runner: MatrixVersionRunner) -> [MatrixColumn] {
        let results = ColumnSlots(count: versions.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, versions.count)) { _ in
            while let index = results.claim() {
                results.store(runner.run(versions[index]), at: index)
            }
        }
        return results.columns
    }
}

/// Hands out version indices to workers and collects their columns.
private final class ColumnSlots: @unchecked Sendable {
    private let lock = Lock()
    private var next = 0
    private var slots: [MatrixColumn?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

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
