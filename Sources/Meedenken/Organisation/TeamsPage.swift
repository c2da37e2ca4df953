struct TeamsPage: Encodable {
    struct RegionRow: Encodable {
        let name: String
        let teams: [String]
        /// Explicit, because Leaf reads an empty array as true.
        var hasTeams: Bool { !teams.isEmpty }

        enum CodingKeys: String, CodingKey { case name, teams, hasTeams }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(teams, forKey: .teams)
            try container.encode(hasTeams, forKey: .hasTeams)
        }
    }

    let layout: LayoutContext
    let regions: [RegionRow]
    let hasRegions: Bool
    let regionChoices: [SelectOption]
    let newRegionAction: String
    let newTeamAction: String
    let regionName: String
    let teamName: String
    let regionErrors: FormErrors
    let teamErrors: FormErrors
}
