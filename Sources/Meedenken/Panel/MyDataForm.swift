import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The changes a member makes on "Mijn gegevens". The address is not changed here: a new
/// address is a new sign-up with its own confirmation, so nobody takes over a membership.
struct MyDataForm: Decodable {
    var firstName: String?
    var phone: String?
    var language: String?
    var ways: [String]?
    var topics: [String]?
    var team: String?
    var needs: [String]?
    /// Days between requests at most: "" for the organisation's default, or 56, 91, 182.
    var frequency: String?
    /// "pause", "resume" or "renew" (a button), else a save.
    var action: String?
    /// A parent's address, for a renewal a parent must confirm.
    var parentEmail: String?

    static let frequencies = [56, 91, 182]

    /// Applies the changes to `member`, or says what is wrong.
    func apply(to member: PanelMember, req: Request, teams: [UUID: UUID]) -> FormErrors {
        var errors = FormErrors()
        let name = firstName.trimmed
        if name.isEmpty || name.count > 60 { errors.add("firstName", req.t("signUp.error.firstName")) }
        let phoneText = phone.trimmed
        let digits = phoneText.filter(\.isNumber)
        if !phoneText.isEmpty && (digits.count < 8 || digits.count > 15 || phoneText.contains { !"0123456789 +-()".contains($0) }) {
            errors.add("phone", req.t("signUp.error.phone"))
        }
        let chosenWays = (ways ?? []).compactMap { WayToJoin(rawValue: $0) }
        if chosenWays.isEmpty { errors.add("ways", req.t("signUp.error.ways")) }
        var teamID: UUID?
        if !team.trimmed.isEmpty {
            teamID = UUID(uuidString: team.trimmed)
            if teamID == nil || teams[teamID!] == nil { errors.add("team", req.t("signUp.error.team")) }
        }
        let days = Int(frequency.trimmed)
        if !frequency.trimmed.isEmpty && !(days.map(Self.frequencies.contains) ?? false) { errors.add("frequency", req.t("myData.error.frequency")) }
        guard !errors.hasErrors else { return errors }
        member.firstName = name
        member.phone = phoneText.isEmpty ? nil : phoneText
        if let chosen = Language(rawValue: language.trimmed) { member.language = chosen.rawValue }
        member.ways = chosenWays.map(\.rawValue).joined(separator: ",")
        let themeKeys = Set(Theme.defaults.map(\.key))
        member.topics = (topics ?? []).filter { themeKeys.contains($0) }.joined(separator: ",")
        member.teamID = teamID
        member.regionID = teamID.flatMap { teams[$0] }
        member.needs = (needs ?? []).compactMap { ParticipationNeed(rawValue: $0) }.map(\.rawValue).joined(separator: ",")
        member.frequencyDays = days
        return errors
    }
}

struct LinkForm: Decodable { var email: String? }
