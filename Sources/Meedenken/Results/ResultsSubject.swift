import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Everything a results view of one questionnaire starts from: its versions (answers to the same
/// question key are combined across versions), the latest structure, the organisation's teams,
/// the minimum group size, and for a team manager the teams they may see.
struct ResultsSubject: Sendable {
    let id: UUID
    let kind: QuestionnaireDefinition.Kind
    let audience: QuestionnaireDefinition.Audience
    let versionIDs: [UUID]
    let definition: QuestionnaireDefinition
    let organisation: ResultOrganisation
    let minimum: Int
    let ownTeams: Set<UUID>?

    var computation: ResultsComputation { ResultsComputation(organisation: organisation, minimum: minimum, ownTeams: ownTeams) }

    /// Questions that have figures: every question but texts, which are only counted.
    var questions: [Question] { definition.questions }

    /// The questionnaire, the organisation's teams and a team manager's scope are read at the
    /// same time; the organisation's settings first, as the request keeps them for its layout.
    static func load(_ req: Request, id: UUID? = nil) async throws -> ResultsSubject {
        let store = try Store(req.db, for: "results")
        guard let id = id ?? req.parameters.get("questionnaireID", as: UUID.self) else { throw UserFacingError(.notFound, "error.message.404") }
        let minimum = try await req.organisation().minimumGroupSize
        let scopedUser = req.staff.flatMap { $0.role.isTeamScoped ? $0.userID : nil }
        async let questionnaire = store.resultsQuestionnaire(id)
        async let organisation = ResultOrganisation.load(on: store.database)
        async let ownTeams = teamScope(of: scopedUser, on: store.database)
        guard let questionnaire = try await questionnaire else { throw UserFacingError(.notFound, "error.message.404") }
        return ResultsSubject(questionnaire, organisation: try await organisation, minimum: minimum, ownTeams: try await ownTeams)
    }

    /// A team manager's teams; nil for everyone else.
    private static func teamScope(of user: UUID?, on database: any Database) async throws -> Set<UUID>? {
        guard let user else { return nil }
        return Set(try await StaffTeamScope.query(on: database).filter(\.$user.$id == user).all().map(\.$team.id))
    }

    /// The places a view lists: its total first, then regions with their teams. A team manager
    /// sees their own teams together and each of them, nothing else.
    func places(for filter: ResultPlaceFilter, hasNoTeamResponses: Bool) -> [ResultPlace]? {
        if let ownTeams {
            switch filter {
            case .all: return [.ownTeams] + ownTeams.sorted { organisation.teamNames[$0] ?? "" < organisation.teamNames[$1] ?? "" }.map { .team($0.uuidString) }
            case .team(let id) where ownTeams.contains(id): return [.team(id.uuidString)]
            default: return nil
            }
        }
        switch filter {
        case .all:
            var places: [ResultPlace] = [.organisation]
            for region in organisation.regionsByName {
                places.append(.region(region.uuidString))
                places += organisation.teams(in: region).map { .team($0.uuidString) }
            }
            if hasNoTeamResponses { places.append(.noTeam) }
            return places
        case .region(let id):
            guard organisation.regionNames[id] != nil else { return nil }
            return [.region(id.uuidString)] + organisation.teams(in: id).map { .team($0.uuidString) }
        case .team(let id):
            guard organisation.teamNames[id] != nil else { return nil }
            return [.team(id.uuidString)]
        }
    }

    func label(of place: ResultPlace, _ text: ResultsText) -> String {
        switch place {
        case .organisation: text.t("results.place.organisation")
        case .ownTeams: text.t("results.place.ownTeams")
        case .region(let id): UUID(uuidString: id).flatMap { organisation.regionNames[$0] } ?? id
        case .team(let id): UUID(uuidString: id).flatMap { organisation.teamNames[$0] } ?? id
        case .noTeam: text.t("results.place.noTeam")
        }
    }
}

extension ResultsSubject {
    init(_ questionnaire: ResultsQuestionnaire, organisation: ResultOrganisation, minimum: Int, ownTeams: Set<UUID>?) {
        self.init(
            id: questionnaire.id, kind: questionnaire.kind, audience: questionnaire.audience, versionIDs: questionnaire.versionIDs,
            definition: questionnaire.definition, organisation: organisation, minimum: minimum, ownTeams: ownTeams)
    }

    /// Another questionnaire (an earlier wave) seen by the same person in the same organisation.
    func other(_ questionnaire: ResultsQuestionnaire) -> ResultsSubject {
        ResultsSubject(questionnaire, organisation: organisation, minimum: minimum, ownTeams: ownTeams)
    }

    /// What the store reads results of.
    var questionnaire: ResultsQuestionnaire {
        ResultsQuestionnaire(id: id, kind: kind, audience: audience, versionIDs: versionIDs, definition: definition)
    }
}
