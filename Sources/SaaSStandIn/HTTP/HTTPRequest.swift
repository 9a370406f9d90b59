import Foundation

/// One parsed HTTP/1.x request.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token, e.g. `POST`.
    public var method: String
    /// The request target as sent (origin-form, or absolute-form reduced to its path and query).
    public var target: String
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body after de-chunking (still content-encoded, e.g. gzip).
    public var body: Data

    /// Creates a request; used by the parser and by tests.
    public init(method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// The percent-decoded path without the query.
    public var path: String {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return raw.removingPercentEncoding ?? raw
    }

    /// The query parameters (first value wins for repeated names).
    public var query: [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        return FormURLEncoded.parse(String(target[target.index(after: mark)...]))
    }

    /// Whether the client wants the connection kept open after this exchange.
    public var wantsKeepAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }

    /// The bearer token of the `Authorization` header, if any.
    public var bearerToken: String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
