import MeedenkenCore
import MeedenkenStore
import NIOCore
import NIOHTTP1
import Vapor

/// Turns every error into a page in the user's language (or an RFC 9457 problem document under
/// `/api`), without internals. Unexpected errors are logged with a reference the user can quote.
struct ErrorPageMiddleware: AsyncMiddleware {
    struct ErrorPage: Encodable {
        let layout: LayoutContext
        let status: Int
        let heading: String
        let message: String
        let reference: String?
        let isNotFound: Bool
        let homeHref: String
        let loginHref: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await errorResponse(for: error, request: request)
        }
    }

    private func errorResponse(for error: any Error, request: Request) async -> Response {
        let (status, messageKey, headers) = classify(error)
        var reference: String?
        if status == .serviceUnavailable, !(error is UserFacingError) {
            request.logger.warning("database unavailable", metadata: ["error": .string(String(describing: type(of: error)))])
        }
        if status == .internalServerError {
            reference = String(UUID().uuidString.prefix(8)).lowercased()
            request.logger.error("unhandled error", metadata: ["reference": .string(reference ?? ""), "error": .string(String(reflecting: error))])
        }
        let message = (error as? ApiProblem)?.detail ?? request.t(messageKey)
        if request.url.path.hasPrefix("/api/") {
            let fields = (error as? ApiProblem)?.errors ?? []
            let problem = ProblemDocument(
                type: "about:blank", title: status.reasonPhrase, status: Int(status.code), detail: message, errors: fields.isEmpty ? nil : fields)
            let response = Response(status: status, headers: headers)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try? response.content.encode(problem, using: encoder)
            response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
            return response
        }
        do {
            let page = ErrorPage(
                layout: try await request.layout(titleKey: "error.title.\(Self.catalogCode(for: status))"),
                status: Int(status.code), heading: request.t("error.title.\(Self.catalogCode(for: status))"), message: message,
                reference: reference, isNotFound: status == .notFound,
                homeHref: request.staff == nil ? SiteRoute.home.path : SiteRoute.staffHome.path,
                loginHref: SiteRoute.login.path)
            let response = try await request.render("Errors/error", page, status: status)
            for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        } catch {
            // The page itself could not be made (the database may be down): plain text still helps.
            let response = Response(status: status, headers: headers, body: .init(string: message))
            response.headers.contentType = .plainText
            return response
        }
    }

    /// The status and message for an error. Only our own `UserFacingError` chooses its message;
    /// any other error gets the standard text for its status, never its internal description.
    private func classify(_ error: any Error) -> (HTTPResponseStatus, String, HTTPHeaders) {
        switch error {
        case let problem as ApiProblem:
            return (problem.status, Self.messageKey(for: problem.status), problem.headers)
        case let localized as UserFacingError:
            return (localized.status, localized.messageKey, localized.headers)
        case let abort as any AbortError:
            let status = abort.status
            return (status, Self.messageKey(for: status), abort.headers)
        case is DecodingError:
            return (.badRequest, "error.message.400", [:])
        case is HTTPParserError:
            // A request that ended half-way (the client went away mid-upload) or was malformed.
            return (.badRequest, "error.message.400", [:])
        case let error as ChannelError where [.eof, .ioOnClosedChannel, .alreadyClosed, .inputClosed, .outputClosed].contains(error):
            // The client went away (mid-upload): nobody reads the answer, and it is no fault of ours.
            return (.badRequest, "error.message.400", [:])
        case let error where UnavailableDatabase.matches(error):
            return (.serviceUnavailable, "error.message.503", ["Retry-After": "30"])
        default:
            return (.internalServerError, "error.message.500", [:])
        }
    }

    /// Statuses with their own title and message in the catalogs; others share their class's.
    static func catalogCode(for status: HTTPResponseStatus) -> UInt {
        switch status.code {
        case 400, 401, 403, 404, 405, 410, 413, 415, 422, 429, 503: status.code
        case 400..<500: 400
        default: 500
        }
    }

    static func messageKey(for status: HTTPResponseStatus) -> String {
        "error.message.\(catalogCode(for: status))"
    }
}
