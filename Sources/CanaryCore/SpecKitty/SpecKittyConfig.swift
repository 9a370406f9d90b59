/// The `[sync]` table of the CLI's `config.toml` that scenarios set.
public struct SpecKittyConfig: Equatable, Sendable {
    /// `background_daemon`: `"manual"` keeps the CLI from auto-starting a daemon.
    public var backgroundDaemon: String?
    /// `server_url`: where CLIs up to 3.2.5 send sync (they ignore the env var for it).
    public var serverURL: String?

    /// A config; nil members are left out.
    public init(backgroundDaemon: String? = nil, serverURL: String? = nil) {
        self.backgroundDaemon = backgroundDaemon
        self.serverURL = serverURL
    }

    /// No daemon: capture still works, nothing starts in the background.
    public static let manualDaemon = SpecKittyConfig(backgroundDaemon: "manual")

    /// The TOML text.
    public var tomlText: String {
        var lines = ["[sync]"]
        if let serverURL { lines.append("server_url = \(Self.quoted(serverURL))") }
        if let backgroundDaemon { lines.append("background_daemon = \(Self.quoted(backgroundDaemon))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string.
    static func quoted(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                escaped += String(format: "\\u%04X", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"" + escaped + "\""
    }
}
