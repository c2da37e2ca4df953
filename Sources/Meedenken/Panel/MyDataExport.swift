import Foundation
import MeedenkenCore
import MeedenkenStore

/// Everything Meedenken stores about a panel member, for their own download (AVG art. 15 and 20).
/// The links' hashes are left out: they are not about the person, and useless to them.
struct MyDataExport: Encodable {
    struct Consent: Encodable {
        let givenBy: String
        let textVersion: String
        let agreedAt: String
        let expiresAt: String
        let withdrawnAt: String?
    }

    let firstName: String
    let email: String
    let phone: String?
    let role: String
    let birthYear: Int?
    let language: String
    let waysToJoin: [String]
    let topics: [String]
    let team: String?
    let needs: [String]
    let status: String
    let signedUpVia: String
    let parentEmail: String?
    let maximumFrequencyDays: Int?
    let lastAskedAt: String?
    let signedUpAt: String
    let confirmedAt: String?
    let consentExpiresAt: String?
    let consents: [Consent]

    init(member: PanelMember, consents: [PanelConsent], teamName: String?, calendar: OrganisationCalendar) {
        let stamp = { (date: Date) in calendar.timestamp(date) }
        firstName = member.firstName
        email = member.email
        phone = member.phone
        role = member.role
        birthYear = member.birthYear
        language = member.language
        waysToJoin = member.wayList.map(\.rawValue)
        topics = member.topicList
        team = teamName
        needs = member.needList.map(\.rawValue)
        status = member.status.rawValue
        signedUpVia = member.source.rawValue
        parentEmail = member.parentEmail
        maximumFrequencyDays = member.frequencyDays
        lastAskedAt = member.lastAskedAt.map(stamp)
        signedUpAt = stamp(member.createdAt)
        confirmedAt = member.confirmedAt.map(stamp)
        consentExpiresAt = member.consentExpiresAt.map(stamp)
        self.consents = consents.map {
            Consent(
                givenBy: $0.givenBy.rawValue, textVersion: $0.textVersion, agreedAt: stamp($0.agreedAt), expiresAt: stamp($0.expiresAt),
                withdrawnAt: $0.withdrawnAt.map(stamp))
        }
    }
}
