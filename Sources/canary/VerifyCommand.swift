import CanaryCore
import Foundation

/// `canary verify <bundle>`: checks a bundle against its manifest.
enum VerifyCommand {
    /// Prints what changed, went missing or appeared; exits 0 only for an intact bundle.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
            FileHandle.standardError.write(Data("usage: canary verify <bundle>\n".utf8))
            return 64
        }
        let bundle = URL(fileURLWithPath: arguments[0])
        do {
            let report = try Manifest.verify(in: bundle)
            report.findings.forEach { print($0) }
            print(report.isIntact ? "intact: \(bundle.path)" : "NOT intact: \(bundle.path)")
            return report.isIntact ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("canary verify: \(error)\n".utf8))
            return 1
        }
    }
}
