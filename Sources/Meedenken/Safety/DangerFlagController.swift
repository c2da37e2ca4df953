import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The page an on-duty alert links to: the flagged answer as written (only for those who may
/// review open answers, DESIGN §4.5), and a short record of who looked, when and what was done.
struct DangerFlagController {
    static let maximumNoteLength = 1_000

    func register(_ routes: any RoutesBuilder) {
        let access = Access.staff(.coordinateParticipation)
        routes.on(.GET, .dangerFlag(id: .routePattern), access: access, use: show)
        routes.on(.POST, .dangerFlag(id: .routePattern), access: access, staleForm: .reshow, use: acknowledge)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, flag: try await flag(req), form: nil, errors: FormErrors())
    }

    @Sendable func acknowledge(req: Request) async throws -> Response {
        let flag = try await flag(req)
        let form = try req.form(DangerFlagForm.self)
        var errors = req.staleFormErrors()
        let action = DangerFlag.Action(rawValue: form.action ?? "")
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !errors.hasErrors {
            if flag.acknowledgedAt != nil { errors.addGeneral(req.t("dangerFlag.error.done")) }
            if action == nil { errors.add("action", req.t("dangerFlag.error.action")) }
            if note.count > Self.maximumNoteLength { errors.add("note", req.t("dangerFlag.error.noteLength", ["maximum": "\(Self.maximumNoteLength)"])) }
            if action == .other && note.isEmpty { errors.add("note", req.t("dangerFlag.error.noteNeeded")) }
        }
        guard !errors.hasErrors, let action else {
            return try await page(req, flag: flag, form: form, errors: errors, status: .unprocessableEntity)
        }
        let staff = try req.requireStaff()
        flag.acknowledgedAt = req.now
        flag.acknowledgedBy = staff.userID
        flag.action = action
        flag.note = note.isEmpty ? nil : note
        // Its job done, the moment it was raised is kept to the day only (DESIGN §4.1).
        flag.raisedAt = req.application.calendar.startOfDay(flag.raisedAt)
        try await flag.save(on: req.db)
        try await req.audit(.dangerFlagAcknowledged, object: ("danger_flag", try flag.requireID().uuidString), detail: action.rawValue)
        return req.redirect(to: SiteRoute.dangerFlag(id: try flag.requireID()).path(.saved()))
    }

    private func flag(_ req: Request) async throws -> DangerFlag {
        guard let id = req.parameters.get("flagID", as: UUID.self), let flag = try await DangerFlag.find(id, on: req.db) else {
            throw UserFacingError(.notFound, "error.message.404")
        }
        return flag
    }

    private func page(_ req: Request, flag: DangerFlag, form: DangerFlagForm?, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let flagID = try flag.requireID()
        let review = try await OpenAnswerReview.find(flag.reviewID, on: req.db)
        var answer: ResponseAnswer?
        if let review { answer = try await ResponseAnswer.find(review.answerID, on: req.db) }
        let text = answer.map { String($0.value.dropFirst(5)) } ?? ""
        // The answer as written may name people: who read it is recorded (DESIGN §4.5).
        try await req.audit(.openAnswersViewed, object: ("danger_flag", flagID.uuidString), detail: "1 flagged answer")
        var acknowledgement: String?
        if let at = flag.acknowledgedAt, let action = flag.action {
            var who = "?"
            if let userID = flag.acknowledgedBy, let user = try await StaffUser.find(userID, on: req.db) { who = user.displayName }
            acknowledgement = req.t(
                "dangerFlag.acknowledged",
                ["name": who, "when": req.application.calendar.formatted(at, language: req.language), "action": req.t("dangerFlag.action.\(action.rawValue)")])
        }
        let chosen = form?.action ?? ""
        let context = DangerFlagPage(
            layout: try await req.layout(titleKey: "dangerFlag.title"), formAction: SiteRoute.dangerFlag(id: flagID).path, text: text,
            dangerWords: review?.dangerWords ?? "", openAnswersHref: SiteRoute.openAnswers(id: flag.questionnaireID).path,
            raised: req.application.calendar.formatted(flag.raisedAt, language: req.language, withTime: flag.acknowledgedAt == nil),
            isEscalated: flag.escalatedAt != nil,
            acknowledgement: acknowledgement, note: flag.note,
            actions: DangerFlag.Action.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("dangerFlag.action.\($0.rawValue)"), isSelected: $0.rawValue == chosen)
            },
            postedNote: form?.note ?? "", saved: req.querySaved != nil, errors: errors)
        return try await req.render("Safety/flag", context, status: status)
    }
}
