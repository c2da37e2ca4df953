import MeedenkenCore
import MeedenkenStore
import Vapor

/// Save as you go. With JavaScript, the page's script (`Public/js/bewaren.js`) posts the page's
/// form here a moment after the person stops typing, so text typed on a page that was not sent is
/// not lost when they leave. It keeps the page's answers in the draft as they are, without
/// insisting on required answers and without moving on; an answer that cannot be right (an
/// unknown option, too long a text) is refused with a message, and nothing of the page is saved.
/// The draft rules stay those of answering: found by the open link's session cookie or the
/// invitation link, never linked to a person, and an open-link draft still ends after
/// `OpenLinkDraft.idleTime` without a save.
extension AnsweringController {
    func saveDraft(req: Request, _ entry: Entry) async throws -> Response {
        let opened = try await opened(req, entry)
        let fields = try FormFields.parse(req)
        guard opened.subject.isOpen, opened.invitation?.completed != true, var draft = opened.draft, !draft.isSent else {
            throw UserFacingError(.gone, "answer.save.gone")
        }
        // Automated form fillers get the same quiet answer and store nothing.
        if !(fields[Self.honeypotField]?.first ?? "").isEmpty { return Response(status: .noContent) }
        guard let pageKeys = fields["pagina"], pageKeys.count == 1,
            let page = opened.definition.pages.first(where: { $0.key == pageKeys[0] })
        else { throw UserFacingError(.badRequest, "error.formUnreadable") }
        let flow = ResponseFlow(opened.definition)
        let posted = Dictionary(uniqueKeysWithValues: page.questions.map { ($0.key, fields[QuestionViews.field(for: $0)] ?? []) })
        let earlier = draft.answers.filter { key, _ in !page.questions.contains { $0.key == key } }
        let read = flow.read(page: page.key, posted: posted, given: earlier)
        if let problem = page.questions.lazy.compactMap({ read.problems[$0.key] }).first(where: { $0 != .required }) {
            throw UserFacingError(.unprocessableEntity, problem.rawValue)
        }
        draft.keep(read, of: page, flow: flow)
        // Coming back, the person lands on the page they were typing on.
        draft.currentPage = page.key
        try await Self.store(req).saveProgress(of: draft, now: req.now)
        return Response(status: .noContent)
    }
}

extension DraftState {
    /// Lays a page's answers as read over the answers of the other pages: what the person emptied
    /// goes, and an answer to a question that is no longer shown is dropped.
    mutating func keep(_ read: (answers: [String: Answer], problems: [String: AnswerProblem]), of page: QuestionPage, flow: ResponseFlow) {
        let earlier = answers.filter { key, _ in !page.questions.contains { $0.key == key } }
        answers = flow.keepingVisible(earlier.merging(read.answers) { $1 })
    }
}
