struct RegionForm: Decodable {
    var regionName: String?
}

struct TeamForm: Decodable {
    var teamName: String?
    var regionID: String?
}
