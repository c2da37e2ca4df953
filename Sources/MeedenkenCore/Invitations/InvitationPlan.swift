/// Who of a closure's people gets an invitation, to which audience's questionnaire, and why the
/// others do not. Pure rules, so they are tested without a database.
public enum InvitationPlan {
    public enum Decision: Hashable, Sendable {
        case invite(audience: QuestionnaireDefinition.Audience, ageBand: AgeBand?)
        case skip(SkipReason)
    }

    public enum SkipReason: String, CaseIterable, Sendable {
        /// Flagged by the case system (secret address, safety).
        case doNotContact = "do_not_contact"
        /// Under 12: no mail of their own; the parent is invited.
        case childUnder12 = "child_under_12"
        /// The address unsubscribed from all invitations.
        case unsubscribed
        /// No open exit questionnaire for this person's audience.
        case noQuestionnaire = "no_questionnaire"
    }

    /// Age bands wide enough that a band never singles out a youth (DESIGN §4.1).
    public enum AgeBand: String, CaseIterable, Sendable {
        case under12 = "8-11"
        case from12to15 = "12-15"
        case from16to17 = "16-17"
        case adult = "18+"

        public init(age: Int) {
            switch age {
            case ..<12: self = .under12
            case 12...15: self = .from12to15
            case 16...17: self = .from16to17
            default: self = .adult
            }
        }
    }

    /// The decision for one person. `isUnsubscribed` and `hasQuestionnaire` come from the database.
    public static func decide(
        _ person: ClosureSubmission.Person, closingYear: Int, isUnsubscribed: Bool,
        hasQuestionnaire: (QuestionnaireDefinition.Audience) -> Bool
    ) -> Decision {
        if person.doNotContact { return .skip(.doNotContact) }
        let age = person.birthYear.map { closingYear - $0 }
        let audience: QuestionnaireDefinition.Audience
        switch person.role {
        case .parent: audience = .parent
        case .fosterParent: audience = .fosterParent
        case .child, .youth:
            guard let age, age >= 12 else { return .skip(.childUnder12) }
            audience = .youth12plus
        }
        if isUnsubscribed { return .skip(.unsubscribed) }
        guard hasQuestionnaire(audience) else { return .skip(.noQuestionnaire) }
        return .invite(audience: audience, ageBand: age.map(AgeBand.init(age:)))
    }
}
