/// What the application decided to do with one request.
enum HTTPReply: Sendable {
    /// Send this response.
    case respond(HTTPResponse)
    /// Close the connection without answering (a fault the tests inject).
    case dropConnection

    /// The status answered; 0 when the connection is dropped.
    var status: Int {
        switch self {
        case .respond(let response): response.status
        case .dropConnection: 0
        }
    }
}
