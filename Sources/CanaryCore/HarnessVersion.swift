/// The version of this harness, recorded in every run document.
public enum HarnessVersion {
    /// The harness's semantic version.
    public static let current = "0.1.0"
}
