import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The GNU extensions `posix_spawn` needs here, looked up at run time.
///
/// Swift's Glibc module is built without `_GNU_SOURCE`, so
/// `posix_spawn_file_actions_addchdir_np` and `..._addclosefrom_np` are
/// present in libc (2.29+ / 2.34+) but invisible to the compiler.
enum GNUSpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `posix_spawn_file_actions_addchdir_np`, when libc has it.
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    /// `posix_spawn_file_actions_addclosefrom_np`, when libc has it.
    static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}

/// A pipe whose descriptors are close-on-exec in the parent.
struct Pipe2 {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ProcessError.setupFailed(operation: "pipe", errno: errno) }
        // Not atomic like pipe2(O_CLOEXEC) (hidden from Swift); children we
        // spawn close every inherited descriptor anyway via addclosefrom.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        readEnd = fds[0]
        writeEnd = fds[1]
    }
}

/// Decodes a `waitpid` status word (the WIFEXITED/WEXITSTATUS macros are not imported).
func decodeWaitStatus(_ status: Int32) -> CommandResult.Termination {
    let signal = status & 0x7F
    return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
}

/// Duplicates `strings` as a NULL-terminated C array; free with `freeCStringArray`.
func makeCStringArray(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
    strings.map { strdup($0) } + [nil]
}

/// Frees an array from `makeCStringArray`.
func freeCStringArray(_ array: [UnsafeMutablePointer<CChar>?]) {
    for pointer in array { free(pointer) }
}
