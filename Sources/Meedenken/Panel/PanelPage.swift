import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The segment filters, as selects with the current choice (GET form, works without JavaScript).
struct PanelFilters: Encodable {
    struct Filter: Encodable {
        let name: String
        let label: String
        let options: [SelectOption]
    }

    let action: String
    let filters: [Filter]
    let askedBefore: String
    let askedBeforeName: String

    init(req: Request, segment: PanelSegment) async throws {
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let regions = try await Region.query(on: req.db).sort(\.$name).all()
        func filter(_ name: String, _ labelKey: String, _ options: [(String, String)], _ chosen: String?) -> Filter {
            Filter(
                name: name, label: req.t(labelKey),
                options: [SelectOption(value: "", label: req.t("panel.filter.all"), isSelected: chosen == nil)]
                    + options.map { SelectOption(value: $0.0, label: $0.1, isSelected: $0.0 == chosen) })
        }
        action = SiteRoute.panel.path
        filters = [
            filter(
                SiteQuery.Name.panelRole, "signUp.role", PanelRole.allCases.map { ($0.rawValue, req.t("panel.role.\($0.rawValue)")) }, segment.role?.rawValue),
            filter(
                SiteQuery.Name.panelAgeBand, "panel.filter.ageBand", PanelAgeBand.allCases.map { ($0.rawValue, req.t("panel.ageBand.\($0.rawValue)")) },
                segment.ageBand?.rawValue),
            filter(
                SiteQuery.Name.panelLanguage, "signUp.language", Language.allCases.map { ($0.rawValue, req.t("panel.language.\($0.rawValue)")) },
                segment.language?.rawValue),
            filter(SiteQuery.Name.panelRegion, "panel.filter.region", regions.map { ($0.id?.uuidString ?? "", $0.name) }, segment.regionID?.uuidString),
            filter(SiteQuery.Name.panelTeam, "signUp.team", teams.map { ($0.id?.uuidString ?? "", $0.name) }, segment.teamID?.uuidString),
            filter(SiteQuery.Name.panelTopic, "panel.filter.topic", Theme.defaults.map { ($0.key, $0.name.text(req.language.rawValue)) }, segment.topic),
            filter(
                SiteQuery.Name.panelWay, "panel.filter.way", WayToJoin.allCases.map { ($0.rawValue, req.t("panel.way.\($0.rawValue)")) }, segment.way?.rawValue),
            filter(
                SiteQuery.Name.panelNeed, "panel.filter.need", ParticipationNeed.allCases.map { ($0.rawValue, req.t("panel.need.\($0.rawValue)")) },
                segment.need?.rawValue),
        ]
        askedBefore = segment.lastAskedBefore ?? ""
        askedBeforeName = SiteQuery.Name.panelAskedBefore
    }
}

/// Coordinators' panel page: the segment's members, the panel's health, and the send form.
struct PanelPage: Encodable {
    struct Row: Encodable {
        let name: String
        let href: String
        let role: String
        let ageBand: String
        let language: String
        let status: String
        let lastAsked: String
    }

    struct Hidden: Encodable {
        let name: String
        let value: String
    }

    struct Sent: Encodable {
        let text: String
    }

    let layout: LayoutContext
    let filters: PanelFilters
    let rows: [Row]
    let count: Int
    let health: PanelHealth
    let questionnaires: [SelectOption]
    let hasQuestionnaires: Bool
    /// The segment, carried by the send form.
    let segmentFields: [Hidden]
    let sampleSize: String
    let exportHref: String?
    let proposalHref: String
    let sendAction: String
    let errors: FormErrors
    let sent: Sent?
    let deleted: Bool

    init(
        layout: LayoutContext, filters: PanelFilters, members: [PanelMember], req: Request, questionnaires: [Questionnaire], segment: PanelSegment,
        health: PanelHealth, exportHref: String?, proposalHref: String, sendAction: String, errors: FormErrors, sent: PanelSending.Outcome?,
        chosenQuestionnaire: String = "", sampleSize: String = ""
    ) {
        self.layout = layout
        self.filters = filters
        let calendar = req.application.calendar
        rows = members.map { member in
            Row(
                name: member.firstName, href: member.id.map { SiteRoute.panelMember(id: $0).path } ?? "", role: req.t("panel.role.\(member.role)"),
                ageBand: req.t("panel.ageBand.\(PanelAgeBand.of(birthYear: member.birthYear, today: req.today).rawValue)"),
                language: req.t("panel.language.\(member.language)"), status: req.t("myData.status.\(member.status.rawValue)"),
                lastAsked: member.lastAskedAt.map { calendar.formatted($0, language: req.language, withTime: false) } ?? req.t("panel.neverAsked"))
        }
        count = members.count
        self.health = health
        self.questionnaires = questionnaires.compactMap { questionnaire in
            questionnaire.id.map { SelectOption(value: $0.uuidString, label: questionnaire.key, isSelected: $0.uuidString == chosenQuestionnaire) }
        }
        hasQuestionnaires = !questionnaires.isEmpty
        segmentFields = segment.queryItems.map { Hidden(name: $0.item.name, value: $0.item.value ?? "") }
        self.sampleSize = sampleSize
        self.exportHref = exportHref
        self.proposalHref = proposalHref
        self.sendAction = sendAction
        self.errors = errors
        self.sent = sent.map { outcome in
            Sent(
                text: req.t(
                    "panel.send.done",
                    [
                        "invited": String(outcome.invited), "inSegment": String(outcome.inSegment), "overCap": String(outcome.overCap),
                        "otherAudience": String(outcome.otherAudience), "unsubscribed": String(outcome.unsubscribed), "seed": String(outcome.seed),
                    ]))
        }
        deleted = req.querySaved == "deleted"
    }
}

/// The panel's health: size, joiners and leavers per month (anonymous counts that outlive the
/// members), the response rate of each panel questionnaire sent, and its make-up by role and age
/// band beside the organisation's client population (entered as numbers), to show who is missing.
struct PanelHealth: Encodable {
    struct Month: Encodable {
        let month: String
        let joined: Int
        let left: Int
    }

    struct Part: Encodable {
        /// The population form's field (`role:parent`).
        let key: String
        let label: String
        let count: Int
        /// The part of the panel, in words (`12%`).
        let share: String
        /// The clients in this group as entered, and their part of all clients.
        let clients: String
        let clientShare: String
        /// The panel has clearly fewer of this group than the clients have.
        let isMissing: Bool
    }

    struct Send: Encodable {
        let date: String
        let questionnaire: String
        let invited: Int
        /// "–" for a send to fewer than the minimum group size.
        let completed: String
        let rate: String
    }

    let size: Int
    let paused: Int
    let months: [Month]
    let byRole: [Part]
    let byAgeBand: [Part]
    /// The regions members chose (or whose team is there); members without one are not in it.
    let byRegion: [Part]
    let sends: [Send]
    let populationAction: String

    static func read(_ req: Request) async throws -> PanelHealth {
        let members = try await PanelMember.query(on: req.db).filter(\.$status ~~ [.active, .paused]).all()
        let months = try await req.store.panelMonthCounts().suffix(12).map { Month(month: $0.month, joined: $0.joined, left: $0.left) }
        let population = Dictionary(
            uniqueKeysWithValues: try await PanelPopulation.query(on: req.db).all().compactMap { row in row.id.map { ($0, row.clients) } })
        let format = ResultFormatting(language: req.language)
        func parts(_ groups: [(key: String, label: String, count: Int)]) -> [Part] {
            let clientsTotal = groups.compactMap { population[$0.key] }.reduce(0, +)
            return groups.map { group in
                let share = members.isEmpty ? 0 : Double(group.count) / Double(members.count)
                let clients = population[group.key]
                let clientShare = clients.flatMap { clientsTotal > 0 ? Double($0) / Double(clientsTotal) : nil }
                return Part(
                    key: group.key, label: group.label, count: group.count, share: format.percentage(share * 100),
                    clients: clients.map(String.init) ?? "", clientShare: clientShare.map { format.percentage($0 * 100) } ?? "–",
                    isMissing: clientShare.map { share < $0 * 0.75 } ?? false)
            }
        }
        let today = req.today
        let minimum = try await req.organisation().minimumGroupSize
        var sends: [Send] = []
        for send in try await PanelSend.query(on: req.db).sort(\.$createdAt, .descending).limit(10).all() {
            // A send to fewer than the minimum shows no response: it would tell who answered.
            let shown = send.invited >= max(minimum, MinimumGroupSize.floor)
            let completed = shown ? try await Invitation.query(on: req.db).filter(\.$panelSendID == send.id).filter(\.$completed == true).count() : 0
            let key = try await Questionnaire.find(send.questionnaireID, on: req.db)?.key ?? "–"
            sends.append(
                Send(
                    date: req.application.calendar.formatted(send.createdAt, language: req.language, withTime: false), questionnaire: key,
                    invited: send.invited, completed: shown ? String(completed) : "–",
                    rate: shown ? format.percentage(Double(completed) / Double(send.invited) * 100) : "–"))
        }
        return PanelHealth(
            size: members.count, paused: members.filter { $0.status == .paused }.count, months: Array(months),
            byRole: parts(
                PanelRole.allCases.map { role in
                    ("role:\(role.rawValue)", req.t("panel.role.\(role.rawValue)"), members.filter { $0.role == role.rawValue }.count)
                }),
            byAgeBand: parts(
                PanelAgeBand.allCases.map { band in
                    (
                        "age:\(band.rawValue)", req.t("panel.ageBand.\(band.rawValue)"),
                        members.filter { PanelAgeBand.of(birthYear: $0.birthYear, today: today) == band }.count
                    )
                }),
            byRegion: parts(
                try await Region.query(on: req.db).sort(\.$name).all().compactMap { region in
                    region.id.map { id in ("region:\(id.uuidString)", region.name, members.filter { $0.regionID == id }.count) }
                }),
            sends: sends, populationAction: SiteRoute.panelPopulation.path)
    }
}

/// Counts only, for staff who may not see members: small counts hidden as in results.
struct PanelCountsPage: Encodable {
    struct Cell: Encodable {
        let label: String
        /// Nil when hidden.
        let count: Int?
    }

    struct Breakdown: Encodable {
        let heading: String
        let cells: [Cell]
    }

    let layout: LayoutContext
    let breakdowns: [Breakdown]
    let minimum: Int
    /// The day the counts stand at (the first of the month).
    let asOf: String
    let proposalHref: String?

    static func startOfMonth(_ req: Request) -> Date {
        let calendar = req.application.calendar
        return CalendarDay(calendar.month(req.now) + "-01").map { calendar.bounds(of: $0).lowerBound } ?? calendar.startOfDay(req.now)
    }

    /// The counts a look shows, per group: the whole panel, each role and each language.
    static func counts(_ members: [PanelMember]) -> [String: Int] {
        var counts = ["total": members.count]
        for role in PanelRole.allCases { counts["role:\(role.rawValue)"] = members.filter { $0.role == role.rawValue }.count }
        for language in Language.allCases { counts["language:\(language.rawValue)"] = members.filter { $0.language == language.rawValue }.count }
        return counts
    }

    static func breakdowns(_ counts: [String: Int], req: Request, minimum: Int) -> [Breakdown] {
        func breakdown(_ heading: String, _ parts: [(String, Int)]) -> Breakdown {
            let shown = SmallCounts.breakdown(parts.map(\.1), minimum: minimum)
            return Breakdown(heading: heading, cells: zip(parts, shown).map { Cell(label: $0.0.0, count: $0.1) })
        }
        let total = SmallCounts.single(counts["total"] ?? 0, minimum: minimum)
        return [
            Breakdown(heading: req.t("panel.counts.total"), cells: [Cell(label: req.t("panel.counts.members"), count: total)]),
            breakdown(
                req.t("signUp.role"), PanelRole.allCases.map { role in (req.t("panel.role.\(role.rawValue)"), counts["role:\(role.rawValue)"] ?? 0) }),
            // No breakdown by age: "adult" is nearly the parents and foster parents together, so
            // it and the roles would give the youths away between them.
            breakdown(
                req.t("signUp.language"),
                Language.allCases.map { language in (req.t("panel.language.\(language.rawValue)"), counts["language:\(language.rawValue)"] ?? 0) }),
        ]
    }
}

struct PanelMemberPage: Encodable {
    let page: MyDataPage
    let backHref: String
}
