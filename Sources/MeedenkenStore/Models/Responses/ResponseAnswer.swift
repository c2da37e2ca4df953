import FluentKit
import Foundation
import MeedenkenCore

/// One answer of a response: the question's key and the answer in a stored form.
package final class ResponseAnswer: Model, @unchecked Sendable {
    package static let schema = "response_answers"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "response_id") package var response: SurveyResponse
    @Field(key: "question_key") package var questionKey: String
    @Field(key: "value") package var value: String

    package init() {}

    package init(responseID: UUID, questionKey: String, answer: Answer) {
        self.$response.id = responseID
        self.questionKey = questionKey
        self.value = StoredAnswer.encode(answer)
    }
}
