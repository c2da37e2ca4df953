import Foundation

/// Trajectory closures as the case system exports them: a parent and a youth of 14 per trajectory.
enum Closures {
    static let team = "Team Drenthe"

    static func writeCSV(count: Int, to path: String) throws {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        var lines = ["traject;team;afsluitdatum;rol;e-mail;taal;geboortejaar;niet_benaderen"]
        lines.reserveCapacity(count * 2 + 1)
        let closedOn = "\(year)-01-05"
        for number in 0..<count {
            lines.append("BENCH-\(number);\(team);\(closedOn);ouder;ouder\(number)@example.nl;nl;;")
            lines.append("BENCH-\(number);\(team);\(closedOn);jongere;jongere\(number)@example.nl;en;\(year - 14);")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
