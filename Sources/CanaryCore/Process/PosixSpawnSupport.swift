import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The libc pieces `ProcessRunner` needs that Swift does not import directly.
enum PosixSpawnSupport {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    // Swift's Glibc module is built without _GNU_SOURCE, so these GNU
    // extensions (glibc 2.29+ / 2.34+) exist in libc but not to the compiler.

    /// `posix_spawn_file_actions_addchdir_np`, when libc has it.
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    /// `posix_spawn_file_actions_addclosefrom_np`, when libc has it.
    static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    /// Decodes a `waitpid` status word (the WIFEXITED/WEXITSTATUS macros are not imported).
    /// glibc's `pipe2`, which Swift's Glibc module hides behind `_GNU_SOURCE`: `pipe` plus
    /// `fcntl(FD_CLOEXEC)` leaves a window in which another thread's spawn inherits both ends.
    static let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = symbol("pipe2")

    static func termination(fromWaitStatus status: Int32) -> CommandResult.Termination {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }

    /// User plus system time from a `wait4` resource usage, in seconds.
    static func cpuSeconds(_ usage: rusage) -> Double {
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Duplicates `strings` as a NULL-terminated C array; free with `freeCStringArray`.
    static func makeCStringArray(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) } + [nil]
    }

    /// Frees an array from `makeCStringArray`.
    static func freeCStringArray(_ array: [UnsafeMutablePointer<CChar>?]) {
        for pointer in array { free(pointer) }
    }

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}
