import CanaryCore
import Foundation

/// Batch ingest and dossier content: what `spec-kitty sync now` sends.
extension StandInService {
    func eventsBatch(_ context: inout RequestContext) throws -> HTTPReply {
        guard let account = context.account else { return .respond(Self.unauthorized) }
        var forcedRejection: (category: String, message: String)?
        switch faults.next(for: account.userID) {
        case nil: break
        case .delay(let milliseconds)?: pause(milliseconds: milliseconds)
        case .closeConnection?: return .dropConnection
        case .payloadTooLarge?: return .respond(.error(413, "Request body too large"))
        case .serverError?: return .respond(.error(500, "Internal server error (injected by stand-in)"))
        case .protocolMismatch(let code, let description, let guidance)?:
            return .respond(.json(412, ProtocolMismatchResponse(errorCode: code, errorDescription: description,
                                                                syncProtocol: .init(upgradeGuidance: guidance))))
        case .reject(let category, let message)?:
            forcedRejection = (category, message)
        }

        let body: BatchBody
        do {
            body = try BatchBody.decode(context.request, inflatedLimit: configuration.maxBodyBytes)
        } catch let failure as BatchBody.Failure {
            return .respond(.error(failure.status, failure.message))
        }
        context.batchEvents = body.events
        guard !body.events.isEmpty else { return .respond(.error(400, "No events provided")) }
        // Strict ingress refuses the whole batch and records nothing, with no per-event
        // details: exactly what the hosted dev server answered rc13..rc16 (#1188).
        if configuration.profile.enforcesEnvelopeKeyAllowList, let violation = EnvelopeKeyAllowList.violation(in: body.events) {
            return .respond(.error(400, violation))
        }
        // Strict consumer mode answers like the hosted server: the whole batch refused with
        // the culprit's validator message, no per-event details, nothing stored (see
        // `PayloadValidator.firstRefusal`). A validator that cannot answer throws: a 500,
        // which the CLI counts as transient, never as a rejection.
        if let payloadValidator, let refusal = try payloadValidator.firstRefusal(in: body.events) {
            return .respond(.error(400, refusal))
        }
        let results = try store.recordBatch(body, accountID: account.userID, profile: configuration.profile,
                                            forcedRejection: forcedRejection)
        return .respond(.json(200, JSONValue.object(sortingKeys: ["results": .array(results.map(\.jsonValue))])))
    }

    func dossierPushContent(_ context: RequestContext) throws -> HTTPResponse {
        guard let account = context.account else { return Self.unauthorized }
        guard let fields = Self.jsonObject(of: context.request) else {
            return .json(400, ["detail": "JSON parse error"])
        }
        // DRF-style field errors: the CLI renders them into its failure reason.
        var missing: [String: [String]] = [:]
        for name in ["artifact_path", "content_hash"] where (fields[name]?.stringValue ?? "").isEmpty {
            missing[name] = ["This field is required."]
        }
        if fields["content_body"]?.stringValue == nil { missing["content_body"] = ["This field is required."] }
        guard missing.isEmpty, let path = fields["artifact_path"]?.stringValue, let hash = fields["content_hash"]?.stringValue,
              let content = fields["content_body"]?.stringValue
        else { return .json(400, missing) }
        let stored = try store.storeDossierArtifact(
            accountID: account.userID, projectUUID: fields["project_uuid"]?.stringValue,
            missionSlug: fields["mission_slug"]?.stringValue, artifactPath: path, contentHash: hash,
            contentLength: content.utf8.count)
        return .json(stored ? 201 : 200, ["status": stored ? "stored" : "already_exists", "artifact_path": path, "content_hash": hash])
    }
}
