/// The application side of a connection: answers parsed requests and unparseable ones.
protocol HTTPRequestHandling: AnyObject, Sendable {
    /// Answers one well-formed request.
    func handle(_ request: HTTPRequest) -> HTTPReply
    /// Answers (and records) a request that could not be read: bad syntax, too big, too slow.
    func handleUnreadable(status: Int, message: String) -> HTTPResponse
}
