import Foundation

/// A part of the panel a coordinator chooses: every filter that is set must match. A member
/// counts only when confirmed; paused members are never in a segment that is asked.
public struct PanelSegment: Sendable, Equatable, Codable {
    public var role: PanelRole?
    public var ageBand: PanelAgeBand?
    public var language: Language?
    public var teamID: UUID?
    public var regionID: UUID?
    public var topic: String?
    public var way: WayToJoin?
    public var need: ParticipationNeed?
    /// Only members last asked before this day (`YYYY-MM-DD`), or never.
    public var lastAskedBefore: String?

    public init(
        role: PanelRole? = nil, ageBand: PanelAgeBand? = nil, language: Language? = nil, teamID: UUID? = nil, regionID: UUID? = nil,
        topic: String? = nil, way: WayToJoin? = nil, need: ParticipationNeed? = nil, lastAskedBefore: String? = nil
    ) {
        self.role = role
        self.ageBand = ageBand
        self.language = language
        self.teamID = teamID
        self.regionID = regionID
        self.topic = topic
        self.way = way
        self.need = need
        self.lastAskedBefore = lastAskedBefore
    }

    /// What a member is, as far as a segment looks.
    public struct Profile: Sendable {
        public var role: PanelRole?
        public var ageBand: PanelAgeBand
        public var language: Language?
        public var teamID: UUID?
        public var regionID: UUID?
        public var topics: [String]
        public var ways: [WayToJoin]
        public var needs: [ParticipationNeed]
        /// `YYYY-MM-DD`, nil when never asked.
        public var lastAskedOn: String?

        public init(
            role: PanelRole?, ageBand: PanelAgeBand, language: Language?, teamID: UUID?, regionID: UUID?, topics: [String], ways: [WayToJoin],
            needs: [ParticipationNeed], lastAskedOn: String?
        ) {
            self.role = role
            self.ageBand = ageBand
            self.language = language
            self.teamID = teamID
            self.regionID = regionID
            self.topics = topics
            self.ways = ways
            self.needs = needs
            self.lastAskedOn = lastAskedOn
        }
    }

    public func matches(_ profile: Profile) -> Bool {
        if let role, profile.role != role { return false }
        if let ageBand, profile.ageBand != ageBand { return false }
        if let language, profile.language != language { return false }
        if let teamID, profile.teamID != teamID { return false }
        if let regionID, profile.regionID != regionID { return false }
        if let topic, !profile.topics.contains(topic) { return false }
        if let way, !profile.ways.contains(way) { return false }
        if let need, !profile.needs.contains(need) { return false }
        if let lastAskedBefore, let asked = profile.lastAskedOn, asked >= lastAskedBefore { return false }
        return true
    }

    public var isEverything: Bool { self == PanelSegment() }
}
