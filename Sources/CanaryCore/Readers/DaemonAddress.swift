import Foundation

/// The daemon's address file, `<runtime root>/sync-daemon`: url, port, token, pid, one per line.
public struct DaemonAddress: Equatable, Sendable {
    /// Line 1: the control-plane URL.
    public var url: String
    /// Line 2: the port.
    public var port: Int?
    /// Line 3: the bearer token, when present.
    public var token: String?
    /// Line 4: the daemon's pid, when present.
    public var pid: Int?

    /// Creates an address.
    public init(url: String, port: Int?, token: String?, pid: Int?) {
        self.url = url
        self.port = port
        self.token = token
        self.pid = pid
    }

    /// Parses the file's text the way the CLI does (blank lines ignored); nil when empty.
    public static func parse(_ text: String) -> DaemonAddress? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let url = lines.first else { return nil }
        return DaemonAddress(
            url: url,
            port: lines.count > 1 ? Int(lines[1]) : nil,
            token: lines.count > 2 ? lines[2] : nil,
            pid: lines.count > 3 ? Int(lines[3]) : nil
        )
    }

    /// Reads `url`; nil when there is no file or it is empty.
    public static func read(at url: URL) throws -> DaemonAddress? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return parse(try String(contentsOf: url, encoding: .utf8))
    }
}
