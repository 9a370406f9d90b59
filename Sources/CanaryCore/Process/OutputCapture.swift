import Foundation

/// One output stream of a child: kept in memory up to a limit, then spilled whole to a file
/// with only a bounded tail left in memory.
///
/// A chatty command (hundreds of megabytes) must cost disk, not the harness's
/// memory; the tail is what failure details quote, and the spill file is
/// what the command log keeps.
struct OutputCapture {
    /// What the stream left behind.
    struct Captured: Equatable {
        /// All of it, or its last bytes once spilled.
        var data: Data
        /// The file holding all of it, once spilled.
        var spillPath: String?
        /// Bytes the child wrote in all.
        var byteCount: Int
    }

    let memoryLimit: Int
    let tailLimit: Int
    let spillDirectory: URL
    private var data = Data()
    private var spill: (path: String, handle: FileHandle)?
    private var byteCount = 0
    private var spillFailed = false

    /// A capture holding up to `memoryLimit` bytes before spilling, then the last `tailLimit` (at most twice that in passing).
    init(memoryLimit: Int, tailLimit: Int, spillDirectory: URL) {
        self.memoryLimit = memoryLimit
        self.tailLimit = min(tailLimit, memoryLimit)
        self.spillDirectory = spillDirectory
    }

    /// Takes one chunk as read from the pipe.
    mutating func append(_ chunk: Data) {
        byteCount += chunk.count
        if spill == nil, !spillFailed, data.count + chunk.count > memoryLimit {
            startSpill()
        }
        if let spill {
            spill.handle.write(chunk)
        }
        data.append(chunk)
        if spill != nil || spillFailed, data.count > 2 * tailLimit {
            // Trimmed in steps, not per chunk: copying the tail on every read
            // would cost a tail's worth of copying per 64 KiB read.
            data = data.suffix(tailLimit)
        }
    }

    /// Ends the capture and closes the spill file.
    mutating func finish() -> Captured {
        if let spill { try? spill.handle.close() }
        let kept = spill != nil || spillFailed ? data.suffix(tailLimit) : data
        return Captured(data: Data(kept), spillPath: spill?.path, byteCount: byteCount)
    }

    private mutating func startSpill() {
        let path = spillDirectory.appendingPathComponent("canary-output-\(UUID().uuidString).spill").path
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path)
        else {
            // No room for the whole: keep the tail at least, as a bounded buffer.
            spillFailed = true
            return
        }
        _ = try? handle.seekToEnd()
        spill = (path, handle)
    }
}
