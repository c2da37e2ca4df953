/// Who of a closure's people gets an invitation, to which audience's questionnaire, and why the
/// others do not. Pure rules, so they are tested without a database.
public enum InvitationPlan {
    public enum Decision: Hashable, Sendable {
        case invite(audience: QuestionnaireDefinition.Audience, ageBand: AgeBand?)
        /// A child of 8 to 11 gets no mail of their own: their link travels in the mail of an
        /// invited parent or foster parent of the same trajectory ("for your child, if they want
        /// to, with you nearby"). Without such an adult it becomes `skip(.childUnder12)`.
        case inviteThroughAdult
        case skip(SkipReason)
    }

    public enum SkipReason: String, CaseIterable, Sendable {
        /// Flagged by the case system (secret address, safety).
        case doNotContact = "do_not_contact"
        /// 8 to 11, and no parent or foster parent of the trajectory is invited to pass the
        /// child's link on.
        case childUnder12 = "child_under_12"
        /// Under 8: too young for a questionnaire of their own.
        case tooYoung = "too_young"
        /// The address unsubscribed from all invitations.
        case unsubscribed
        /// No open exit questionnaire for this person's audience (for a survey wave: the wave's
        /// questionnaire is for another audience).
        case noQuestionnaire = "no_questionnaire"
        /// Survey waves only: this person was invited to this wave before.
        case alreadyInvited = "already_invited"
        /// No e-mail address to send to (validation asks for one; this only guards).
        case noAddress = "no_address"
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

    /// Whose questionnaire would fit this person: by role and, for children and youths, by age
    /// (nil under 8 or without a birth year).
    public static func audience(of person: ClosureSubmission.Person, closingYear: Int) -> QuestionnaireDefinition.Audience? {
        switch person.role {
        case .parent: return .parent
        case .fosterParent: return .fosterParent
        case .child, .youth:
            guard let age = person.birthYear.map({ closingYear - $0 }), age >= 8 else { return nil }
            return age < 12 ? .child8to11 : .youth12plus
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
            // A closure names a child's or youth's birth year (ClosureSubmission checks it).
            guard let age else { return .skip(.childUnder12) }
            switch age {
            case ..<8: return .skip(.tooYoung)
            case 8...11:
                guard hasQuestionnaire(.child8to11) else { return .skip(.noQuestionnaire) }
                return .inviteThroughAdult
            default: audience = .youth12plus
            }
        }
        if isUnsubscribed { return .skip(.unsubscribed) }
        guard hasQuestionnaire(audience) else { return .skip(.noQuestionnaire) }
        return .invite(audience: audience, ageBand: age.map(AgeBand.init(age:)))
    }
}
