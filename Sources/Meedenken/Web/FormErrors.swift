import MeedenkenCore
import MeedenkenStore
import Vapor

/// Validation messages for a form, per field and as a summary at the top of the page (linked to
/// each field, as GOV.UK and WCAG 3.3.1 describe).
struct FormErrors: Encodable {
    struct Item: Encodable {
        let fieldID: String
        let message: String
    }

    private(set) var fields: [String: String] = [:]
    private(set) var summary: [Item] = []
    private(set) var general: [String] = []
    var hasErrors: Bool { !summary.isEmpty || !general.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        guard fields[field] == nil else { return }
        fields[field] = message
        summary.append(Item(fieldID: field, message: message))
    }

    /// A message about the form as a whole (stale token, wrong password, rate limit).
    mutating func addGeneral(_ message: String) { general.append(message) }

    enum CodingKeys: String, CodingKey { case fields, summary, general, hasErrors }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
        try container.encode(summary, forKey: .summary)
        try container.encode(general, forKey: .general)
        try container.encode(hasErrors, forKey: .hasErrors)
    }
}

extension Request {
    /// Decodes a posted form. Form DTOs make every field optional, so a missing or odd field is a
    /// validation message on the page, not a decoding failure; a body that is not a form at all
    /// is a 400 page in the user's language, and so is a single-value field sent twice
    /// (`FormDecoder`). File uploads (multipart) decode as Vapor decodes them.
    func form<Form: Decodable>(_ type: Form.Type) throws -> Form {
        do {
            guard headers.contentType == .urlEncodedForm else { return try content.decode(Form.self) }
            return try FormDecoder.decode(Form.self, from: try FormFields.parse(self))
        } catch is FormDecoder.RepeatedField {
            throw UserFacingError(.badRequest, "error.formRepeatedField")
        } catch let error as UserFacingError {
            throw error
        } catch {
            throw UserFacingError(.badRequest, "error.formUnreadable")
        }
    }

    /// Adds the stale-form message when the CSRF check failed; the caller then re-shows the form.
    func staleFormErrors() -> FormErrors {
        var errors = FormErrors()
        if isStaleForm { errors.addGeneral(t("form.stale")) }
        return errors
    }
}

extension Optional where Wrapped == String {
    /// The trimmed value, or "" when absent.
    var trimmed: String { (self ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
