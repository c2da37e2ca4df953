import Foundation
import MeedenkenCore
import Vapor

/// The public sign-up form ("Denk mee"). Only what is needed to ask someone; nothing about their
/// case. Repeated checkboxes arrive as `ways[]`, `topics[]`, `needs[]`.
struct SignUpForm: Decodable {
    var firstName: String?
    var email: String?
    var phone: String?
    var role: String?
    /// "on" when a parent signs up their child.
    var byParent: String?
    var birthYear: String?
    var parentEmail: String?
    var language: String?
    var ways: [String]?
    var topics: [String]?
    var team: String?
    var needs: [String]?
    var agree: String?

    /// A sign-up that passed every check.
    struct Valid: Sendable {
        let firstName: String
        let email: String
        let phone: String?
        let role: PanelRole
        let byParent: Bool
        let birthYear: Int?
        let parentEmail: String?
        let language: Language
        let ways: [WayToJoin]
        let topics: [String]
        let teamID: UUID?
        let needs: [ParticipationNeed]
        let requirement: ConsentRule.Requirement
    }

    /// Checks every field and says what is wrong in the visitor's words; nothing entered is lost
    /// (the page shows the form again with these values).
    func validate(_ req: Request, teams: Set<UUID>, rule: ConsentRule) -> (Valid?, FormErrors) {
        var errors = FormErrors()
        let name = firstName.trimmed
        if name.isEmpty { errors.add("firstName", req.t("signUp.error.firstName")) }
        if name.count > 60 { errors.add("firstName", req.t("signUp.error.firstNameLong")) }
        let address = EmailAddress(email.trimmed)
        if address == nil { errors.add("email", req.t("signUp.error.email")) }
        let phoneText = phone.trimmed
        let phoneDigits = phoneText.filter(\.isNumber)
        if !phoneText.isEmpty && (phoneDigits.count < 8 || phoneDigits.count > 15 || phoneText.contains { !"0123456789 +-()".contains($0) }) {
            errors.add("phone", req.t("signUp.error.phone"))
        }
        let panelRole = PanelRole(rawValue: role.trimmed)
        if panelRole == nil { errors.add("role", req.t("signUp.error.role")) }
        let ticksParent = byParent == "on" && panelRole == .youth
        let year = Int(birthYear.trimmed)
        let thisYear = Int(req.today.prefix(4)) ?? 2026
        var requirement = ConsentRule.Requirement.own
        if panelRole == .youth {
            if let year, (thisYear - 25)...(thisYear - 4) ~= year {
                requirement = rule.requirement(birthYear: year, today: req.today)
            } else {
                errors.add("birthYear", req.t("signUp.error.birthYear"))
            }
        } else if !birthYear.trimmed.isEmpty {
            errors.add("birthYear", req.t("signUp.error.birthYearAdult"))
        }
        // A parent signs up only a child too young to sign up alone: from that age the child signs
        // up themselves and a parent confirms from a mail of their own, so the ticked box is no
        // way around that confirmation.
        let isParentSigningUp = ticksParent && requirement == .onlyThroughParent
        if requirement == .onlyThroughParent && !isParentSigningUp {
            errors.add("birthYear", req.t("signUp.error.tooYoung", ["year": String(thisYear - rule.withParentFrom)]))
        }
        if ticksParent && requirement != .onlyThroughParent && errors.fields["birthYear"] == nil {
            errors.add("byParent", req.t("signUp.error.byParentTooOld", ["age": String(rule.withParentFrom)]))
        }
        let parentAddress = EmailAddress(parentEmail.trimmed)
        if requirement == .parentConfirms && !isParentSigningUp {
            if parentAddress == nil {
                errors.add("parentEmail", req.t("signUp.error.parentEmail"))
            } else if parentAddress == address {
                errors.add("parentEmail", req.t("signUp.error.parentEmailSame"))
            }
        }
        let chosenLanguage = Language(rawValue: language.trimmed) ?? req.language
        let chosenWays = (ways ?? []).compactMap { WayToJoin(rawValue: $0) }
        if chosenWays.isEmpty { errors.add("ways", req.t("signUp.error.ways")) }
        let themeKeys = Set(Theme.defaults.map(\.key))
        let chosenTopics = (topics ?? []).filter { themeKeys.contains($0) }
        var teamID: UUID?
        if !team.trimmed.isEmpty {
            teamID = UUID(uuidString: team.trimmed)
            if teamID == nil || !teams.contains(teamID!) { errors.add("team", req.t("signUp.error.team")) }
        }
        let chosenNeeds = (needs ?? []).compactMap { ParticipationNeed(rawValue: $0) }
        if agree != "on" { errors.add("agree", req.t("signUp.error.agree")) }
        guard !errors.hasErrors, let address, let panelRole else { return (nil, errors) }
        return (
            Valid(
                firstName: name, email: address.value, phone: phoneText.isEmpty ? nil : phoneText, role: panelRole, byParent: isParentSigningUp,
                birthYear: panelRole == .youth ? year : nil,
                parentEmail: requirement == .parentConfirms && !isParentSigningUp ? parentAddress?.value : nil, language: chosenLanguage,
                ways: chosenWays, topics: chosenTopics, teamID: teamID, needs: chosenNeeds, requirement: requirement),
            errors
        )
    }
}
