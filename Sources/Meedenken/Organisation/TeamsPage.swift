struct TeamsPage: Encodable {
    struct RegionRow: Encodable {
        let name: String
        let teams: [String]
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let layout: LayoutContext
    let regions: [RegionRow]
    let regionChoices: [Choice]
    let newRegionAction: String
    let newTeamAction: String
    let regionName: String
    let teamName: String
    let regionErrors: FormErrors
    let teamErrors: FormErrors
}
