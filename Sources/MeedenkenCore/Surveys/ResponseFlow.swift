/// How a respondent moves through a questionnaire: which pages and questions are shown given the
/// answers so far, and what a posted page means. Pure: the web layer stores and renders.
public struct ResponseFlow: Sendable {
    public let definition: QuestionnaireDefinition

    public init(_ definition: QuestionnaireDefinition) { self.definition = definition }

    /// The pages shown, in order, given the answers so far.
    public func visiblePages(given answers: [String: Answer]) -> [QuestionPage] {
        definition.pages.compactMap { page in
            guard page.condition?.isSatisfied(by: answers) ?? true else { return nil }
            var shown = page
            shown.questions = page.questions.filter { $0.condition?.isSatisfied(by: answers) ?? true }
            return shown.questions.isEmpty ? nil : shown
        }
    }

    /// Reads one posted page: the answers it holds, or a problem per question key. Questions a
    /// condition hides are skipped (and their earlier answers dropped by `keepingVisible`).
    public func read(page pageKey: String, posted: [String: [String]], given earlier: [String: Answer])
        -> (answers: [String: Answer], problems: [String: AnswerProblem])
    {
        var answers: [String: Answer] = [:]
        var problems: [String: AnswerProblem] = [:]
        guard let page = definition.pages.first(where: { $0.key == pageKey }) else { return ([:], [:]) }
        // A condition may look at an answer given earlier on the same page: what is known is the
        // earlier answers with this page's answers so far laid over them.
        var known = earlier
        for question in page.questions {
            guard question.condition?.isSatisfied(by: known) ?? true else { continue }
            switch question.parse(posted[question.key] ?? []) {
            case .success(let answer?):
                answers[question.key] = answer
                known[question.key] = answer
            case .success(nil): break
            case .failure(let problem): problems[question.key] = problem
            }
        }
        return (answers, problems)
    }

    /// The answers that still belong to a shown question: changing an early answer can hide a
    /// later question, and its answer must then not be stored.
    public func keepingVisible(_ answers: [String: Answer]) -> [String: Answer] {
        var kept = answers
        // Repeat until stable: dropping one answer can hide another question.
        while true {
            let visible = Set(visiblePages(given: kept).flatMap(\.questions).map(\.key))
            let next = kept.filter { visible.contains($0.key) }
            if next.count == kept.count { return kept }
            kept = next
        }
    }

    /// The page after `pageKey` that is shown, or nil at the end.
    public func page(after pageKey: String?, given answers: [String: Answer]) -> QuestionPage? {
        let pages = visiblePages(given: answers)
        guard let pageKey else { return pages.first }
        guard let index = pages.firstIndex(where: { $0.key == pageKey }) else { return pages.first }
        return pages.indices.contains(index + 1) ? pages[index + 1] : nil
    }

    /// The first shown page with a required, shown question left unanswered, and those questions;
    /// nil when the whole response is complete. Checked before a response is stored, whatever
    /// page was posted last.
    public func firstIncompletePage(_ answers: [String: Answer]) -> (page: QuestionPage, missing: [Question])? {
        for page in visiblePages(given: answers) {
            let missing = page.questions.filter { question in
                question.required && answers[question.key] == nil && (question.condition?.isSatisfied(by: answers) ?? true)
            }
            if !missing.isEmpty { return (page, missing) }
        }
        return nil
    }
}
