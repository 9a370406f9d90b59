// swift-tools-version:6.0
import PackageDescription

// Linux only: the harness reads /proc, leads process groups with setsid and
// judges the CLI's Linux daemon scan. Elsewhere, one sentence instead of a wall
// of compile errors.
#if !os(Linux)
#error("The sync identity-boundary canary builds and runs on Linux only (it reads /proc and drives the CLI's Linux daemon scan).")
#endif

/// The sync identity-boundary canary for spec-kitty.
///
/// No package dependencies: Foundation, XCTest, Dispatch and the system's
/// sqlite3 and zlib only. Linux only.
let package = Package(
    name: "SyncIdentityBoundaryCanary",
    products: [
        .executable(name: "canary", targets: ["canary"]),
        .library(name: "CanaryCore", targets: ["CanaryCore"]),
        .library(name: "SaaSStandIn", targets: ["SaaSStandIn"]),
        .library(name: "CanaryScenarios", targets: ["CanaryScenarios"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CanaryCore", dependencies: ["CSQLite"]),
        .target(name: "CanaryGate", dependencies: ["CanaryCore"]),
        .target(name: "SaaSStandIn", dependencies: ["CanaryCore", "CSQLite", "CZlib"]),
        .target(name: "CanaryScenarios", dependencies: ["CanaryCore", "SaaSStandIn"]),
        .target(name: "CanaryTestSupport", dependencies: ["CanaryCore"], resources: [.copy("Fixtures")]),
        .executableTarget(name: "canary", dependencies: ["CanaryCore", "CanaryGate", "SaaSStandIn"]),
        .testTarget(name: "IdentityBoundaryTests", dependencies: ["CanaryScenarios", "CanaryCore", "SaaSStandIn"]),
        .testTarget(name: "CanaryCoreTests", dependencies: ["CanaryCore", "CanaryTestSupport"]),
        .testTarget(name: "CanaryScenariosTests", dependencies: ["CanaryScenarios", "CanaryCore", "SaaSStandIn", "CanaryTestSupport"]),
        .testTarget(name: "GateTests", dependencies: ["CanaryGate", "CanaryCore", "CanaryTestSupport"]),
        .testTarget(name: "CLIIntegrationTests", dependencies: ["CanaryCore", "CanaryTestSupport"]),
        .testTarget(name: "FailureModeControlTests", dependencies: ["CanaryScenarios", "CanaryCore", "SaaSStandIn", "CanaryTestSupport"]),
        .testTarget(name: "ProtocolScriptTests", dependencies: ["CanaryCore", "CanaryTestSupport"]),
        .testTarget(name: "StandInTests", dependencies: ["SaaSStandIn", "CanaryCore", "CanaryTestSupport"]),
        .testTarget(name: "TeamspaceMVPTests", dependencies: ["CanaryCore", "SaaSStandIn", "CanaryScenarios", "CanaryTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
