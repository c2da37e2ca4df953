import MeedenkenCore
import MeedenkenStore
import Vapor

/// An RFC 9457 problem document for the API: a status, a short title, a detail in the caller's
/// language, and for invalid bodies every problem with its JSON pointer.
struct ApiProblem: Error, Sendable {
    struct FieldProblem: Content, Equatable {
        let pointer: String
        let detail: String
    }

    let status: HTTPResponseStatus
    let detail: String
    var errors: [FieldProblem] = []
    var headers: HTTPHeaders = [:]
}

/// The JSON form, as `ErrorPageMiddleware` writes it.
struct ProblemDocument: Content {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [ApiProblem.FieldProblem]?
}
