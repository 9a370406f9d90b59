/// The author and committer every canary commit is made under.
public struct GitIdentity: Equatable, Sendable {
    /// `user.name`, `GIT_AUTHOR_NAME` and `GIT_COMMITTER_NAME`.
    public var name: String
    /// `user.email`, `GIT_AUTHOR_EMAIL` and `GIT_COMMITTER_EMAIL`.
    public var email: String

    /// Creates an identity.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// The fixed canary identity: never a real person's.
    public static let canary = GitIdentity(
        name: "Spec Kitty Identity-Boundary Canary",
        email: "canary@spec-kitty-canary.invalid"
    )
}
