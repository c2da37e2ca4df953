import Foundation

/// The organisation as results group it: teams in regions, by id, with names.
public struct ResultOrganisation: Sendable {
    public let teamNames: [UUID: String]
    public let regionNames: [UUID: String]
    public let regionOfTeam: [UUID: UUID]

    public init(teamNames: [UUID: String], regionNames: [UUID: String], regionOfTeam: [UUID: UUID]) {
        self.teamNames = teamNames
        self.regionNames = regionNames
        self.regionOfTeam = regionOfTeam
    }

    /// Teams of a region, by name.
    public func teams(in region: UUID) -> [UUID] {
        regionOfTeam.filter { $0.value == region }.map(\.key).sorted { (teamNames[$0] ?? "", $0.uuidString) < (teamNames[$1] ?? "", $1.uuidString) }
    }

    /// Region per team, by id text, as `ResultRelease` takes them.
    public var regionOfTeamByText: [String: String] {
        Dictionary(uniqueKeysWithValues: regionOfTeam.map { ($0.key.uuidString, $0.value.uuidString) })
    }

    public var regionsByName: [UUID] { regionNames.keys.sorted { (regionNames[$0] ?? "", $0.uuidString) < (regionNames[$1] ?? "", $1.uuidString) } }
}
