import Foundation
import MeedenkenCore
import Testing

@Suite("Panel: consent by age, the contact cap, a fair sample")
struct PanelRuleTests {
    @Test func consentFollowsTheAgeRules() {
        let rule = ConsentRule.standard
        let today = "2026-12-02"
        #expect(rule.requirement(birthYear: nil, today: today) == .own, "adults are not asked their age")
        #expect(rule.requirement(birthYear: 2009, today: today) == .own, "16 or 17 this year: at least 16")
        #expect(rule.requirement(birthYear: 2010, today: today) == .parentConfirms, "15 or 16: may still be 15")
        #expect(rule.requirement(birthYear: 2013, today: today) == .parentConfirms, "12 or 13")
        #expect(rule.requirement(birthYear: 2014, today: today) == .onlyThroughParent, "11 or 12: may still be 11")
        let stricter = ConsentRule(ownConsentFrom: 18, withParentFrom: 14)
        #expect(stricter.requirement(birthYear: 2009, today: today) == .parentConfirms)
        #expect(stricter.requirement(birthYear: 2012, today: today) == .onlyThroughParent)
    }

    @Test func theCapCountsTheLongerOfTheOrganisationsAndTheMembersChoice() {
        let now = Date(timeIntervalSince1970: 1_796_205_600)
        let cap = ContactCap(days: 28)
        #expect(cap.allows(lastAsked: nil, memberDays: nil, now: now))
        #expect(!cap.allows(lastAsked: now.addingTimeInterval(-27 * 86_400), memberDays: nil, now: now))
        #expect(cap.allows(lastAsked: now.addingTimeInterval(-28 * 86_400), memberDays: nil, now: now))
        #expect(!cap.allows(lastAsked: now.addingTimeInterval(-40 * 86_400), memberDays: 90, now: now), "the member asked for less")
        #expect(!cap.allows(lastAsked: now.addingTimeInterval(-20 * 86_400), memberDays: 7, now: now), "a choice never raises the frequency")
    }

    @Test func aSampleIsTheSameForTheSameSeedAndSegment() {
        let members = (1...1000).map { String(format: "m%04d", $0) }
        let draw = PanelSample.draw(members.shuffled(), size: 50, seed: 42)
        #expect(draw == PanelSample.draw(members.reversed(), size: 50, seed: 42), "the order the segment came in does not matter")
        #expect(Set(draw).count == 50 && Set(draw).isSubset(of: Set(members)))
        #expect(draw != PanelSample.draw(members, size: 50, seed: 43))
        #expect(PanelSample.draw(members, size: 5000, seed: 1).count == 1000, "a sample larger than the segment is the segment")
    }
}
