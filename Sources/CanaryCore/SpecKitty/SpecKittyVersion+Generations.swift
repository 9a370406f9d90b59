/// The generations table of `spec-kitty-cli.md`: behaviour keyed on version ranges, written down in one place.
extension SpecKittyVersion {
    private static let runtimeRootMoved = SpecKittyVersion(release: [3, 2, 3])
    private static let projectStoreArrived = SpecKittyVersion(release: [3, 2, 6])

    /// Whether the CLI has `auth` and `sync` commands at all (4.0 pre-releases do not).
    public var hasSyncSurface: Bool { epoch == 0 && release[0] < 4 }

    /// Up to 3.2.2 the runtime root is `<HOME>/.spec-kitty`; later `$SPEC_KITTY_HOME` itself.
    public var usesDotSpecKittyRuntimeRoot: Bool { self < Self.runtimeRootMoved }

    /// Up to 3.2.5 sync reads the server from `[sync].server_url` in config.toml, not the env var.
    public var readsServerURLFromConfig: Bool { self < Self.projectStoreArrived }

    /// From 3.2.6 events live in the per-project store and `sync opt-in` is required.
    public var hasProjectStore: Bool { self >= Self.projectStoreArrived }

    /// Before 3.2.6 every logged-in command syncs when it exits and deletes what the server
    /// acknowledged, so the local queue may no longer hold a delivered event.
    public var deliversAtCommandExit: Bool { !hasProjectStore }
}
