/// What the application decided to do with one request.
enum HTTPReply: Sendable {
    /// Send this response.
    case respond(HTTPResponse)
    /// Close the connection without answering (a fault the tests inject).
    case dropConnection
}
