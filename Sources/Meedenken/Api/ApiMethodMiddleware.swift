import MeedenkenCore
import MeedenkenStore
import Vapor

/// A method an API path does not have (TRACE, PATCH, DELETE, …) is answered with 405, an `Allow`
/// header naming the methods it has (RFC 9110 §15.5.6) and a problem document, instead of the
/// router's 404. The paths and their methods come from `ApiController.operations`, like the
/// routes and the OpenAPI document.
struct ApiMethodMiddleware: AsyncMiddleware {
    /// One API path: its segments (nil for a parameter) and the methods registered on it.
    struct PathMethods: Sendable {
        let segments: [String?]
        let methods: [HTTPMethod]

        func matches(_ components: [Substring]) -> Bool {
            components.count == segments.count && zip(segments, components).allSatisfy { segment, component in segment.map { $0 == component } ?? true }
        }

        /// The `Allow` header: HEAD is answered wherever GET is (Vapor's router does so).
        var allow: String {
            let names = methods.map(\.rawValue) + (methods.contains(.GET) ? ["HEAD"] : [])
            return names.joined(separator: ", ")
        }
    }

    let paths: [PathMethods]

    init(operations: [(HTTPMethod, SiteRoute)]) {
        var grouped: [String: (segments: [String?], methods: [HTTPMethod])] = [:]
        var order: [String] = []
        for (method, route) in operations {
            let key = route.openAPIPath
            if grouped[key] == nil {
                order.append(key)
                let segments = route.segments.map { segment -> String? in
                    if case .constant(let text) = segment { return text }
                    return nil
                }
                grouped[key] = (segments, [])
            }
            if grouped[key]?.methods.contains(method) == false { grouped[key]?.methods.append(method) }
        }
        paths = order.compactMap { key in grouped[key].map { PathMethods(segments: $0.segments, methods: $0.methods) } }
    }

    /// Every API operation and the document itself.
    static var forApi: ApiMethodMiddleware {
        ApiMethodMiddleware(operations: ApiController.operations.map { ($0.method, $0.route) } + [(.GET, .openAPIDocument)])
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The router found no route for this method (it found one for HEAD wherever there is GET).
        let path = request.url.path
        guard request.route == nil, path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        // Split as the router splits (empty components dropped).
        let components = path.split(separator: "/")
        // A literal path (`/api/v1/questionnaires`) wins over a parameter one, as in the router.
        let candidates = paths.filter { $0.matches(components) }
        guard !candidates.isEmpty else { return try await next.respond(to: request) }
        let method = request.method == .HEAD ? HTTPMethod.GET : request.method
        if candidates.contains(where: { $0.methods.contains(method) }) { return try await next.respond(to: request) }
        let best = candidates.max { $0.segments.compactMap { $0 }.count < $1.segments.compactMap { $0 }.count } ?? candidates[0]
        throw ApiProblem(
            status: .methodNotAllowed, detail: request.t("api.error.methodNotAllowed", ["method": request.method.rawValue, "allow": best.allow]),
            headers: ["Allow": best.allow])
    }
}
