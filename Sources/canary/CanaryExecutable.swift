import Foundation

/// This very `canary` executable, for the children that must run it again (the soak's stand-in, the matrix's script).
enum CanaryExecutable {
    /// Its absolute path: the kernel's `/proc/self/exe`, else argv[0] with links resolved.
    static var path: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}
