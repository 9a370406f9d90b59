import CanaryCore

/// Namespace placeholder for the XCTest plugin (see issue 2).
public enum CanaryScenarios {}
