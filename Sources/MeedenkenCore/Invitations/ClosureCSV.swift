import Foundation

/// Reads trajectory closures from a CSV export of the case system: one row per person, rows of one
/// trajectory share its reference. A closure with any bad row is rejected whole, so nothing is
/// half-imported; every row gets a line in the report.
public struct ClosureCSV: Sendable {
    /// The columns, each with the Dutch and English header names accepted.
    public enum Column: String, CaseIterable, Sendable {
        case reference, team, closedOn, role, email, language, birthYear, doNotContact

        public var headerNames: [String] {
            switch self {
            case .reference: ["traject", "reference"]
            case .team: ["team"]
            case .closedOn: ["afsluitdatum", "closed_on"]
            case .role: ["rol", "role"]
            case .email: ["e-mail", "email"]
            case .language: ["taal", "language"]
            case .birthYear: ["geboortejaar", "birth_year"]
            case .doNotContact: ["niet_benaderen", "do_not_contact"]
            }
        }

        /// Optional columns may be left out of the file entirely.
        public var isOptional: Bool { [.language, .birthYear, .doNotContact].contains(self) }
    }

    /// The rows of one trajectory and what became of them.
    public struct Group: Sendable {
        public let reference: String
        public let lines: [Int]
        /// Set when every row was good.
        public let submission: ClosureSubmission?
        /// Problems per line; a line of a rejected group without problems of its own gets `otherRowRejected`.
        public let problems: [Int: [ClosureProblem]]
    }

    public let groups: [Group]
    /// Problems with the file as a whole (a missing column); when set, no group was read.
    public let fileProblems: [ClosureProblem]

    /// `currentClients`: a list of people in care now (a satisfaction survey wave), with the same
    /// columns except the closing date, which may be left out; ages count from `today`.
    public init(table: CSVTable, today: String, currentClients: Bool = false) {
        var index: [Column: Int] = [:]
        var missing: [ClosureProblem] = []
        for column in Column.allCases {
            // A list of current clients may name its people by client number instead.
            let names = currentClients && column == .reference ? column.headerNames + ["client", "cliënt"] : column.headerNames
            if let position = table.header.firstIndex(where: { names.contains($0) }) {
                index[column] = position
            } else if !column.isOptional, !(currentClients && column == .closedOn) {
                missing.append(ClosureProblem(column.headerNames[0], .missing))
            }
        }
        guard missing.isEmpty else {
            groups = []
            fileProblems = missing
            return
        }
        fileProblems = table.rows.isEmpty ? [ClosureProblem("", .noPeople)] : []
        func field(_ row: [String], _ column: Column) -> String {
            // Current clients have no closing date: their ages count from today.
            if currentClients, column == .closedOn { return today }
            guard let position = index[column], position < row.count else { return "" }
            return row[position].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var order: [String] = []
        var rowsByReference: [String: [(line: Int, fields: [String])]] = [:]
        for row in table.rows {
            let reference = field(row.fields, .reference)
            if rowsByReference[reference] == nil { order.append(reference) }
            rowsByReference[reference, default: []].append(row)
        }
        groups = order.map { reference in
            let rows = rowsByReference[reference] ?? []
            var problems: [Int: [ClosureProblem]] = [:]
            var people: [ClosureSubmission.Person] = []
            let team = field(rows[0].fields, .team)
            let closedOn = field(rows[0].fields, .closedOn)
            for row in rows {
                var found: [ClosureProblem] = []
                _ = ClosureSubmission.text(reference, "traject", &found, maximum: ClosureSubmission.maximumReferenceLength)
                let rowTeam = field(row.fields, .team)
                let rowClosedOn = field(row.fields, .closedOn)
                _ = ClosureSubmission.text(rowTeam, "team", &found, maximum: 200)
                if rowClosedOn.isEmpty {
                    found.append(ClosureProblem("afsluitdatum", .missing))
                } else {
                    ClosureSubmission.checkDate(rowClosedOn, today: today, pointer: "afsluitdatum", &found)
                }
                if rowTeam != team || rowClosedOn != closedOn { found.append(ClosureProblem("traject", .conflictingRows)) }
                let flag = field(row.fields, .doNotContact).lowercased()
                let raw = RawPerson(
                    role: Self.role(field(row.fields, .role)), email: field(row.fields, .email), language: field(row.fields, .language),
                    birthYear: field(row.fields, .birthYear), doNotContact: ["ja", "yes", "1", "true", "x"].contains(flag))
                if let person = raw.validated(pointer: "", closedOn: rowClosedOn, &found) { people.append(person) }
                found = found.map { ClosureProblem($0.pointer.hasPrefix("/") ? Self.columnName(String($0.pointer.dropFirst())) : $0.pointer, $0.code) }
                if !found.isEmpty { problems[row.line] = found }
            }
            if people.count > ClosureSubmission.maximumPeople {
                for row in rows { problems[row.line, default: []].append(ClosureProblem("traject", .tooManyPeople)) }
            }
            if !problems.isEmpty {
                for row in rows where problems[row.line] == nil { problems[row.line] = [ClosureProblem("traject", .otherRowRejected)] }
                return Group(reference: reference, lines: rows.map(\.line), submission: nil, problems: problems)
            }
            return Group(
                reference: reference, lines: rows.map(\.line),
                submission: ClosureSubmission(reference: reference, team: team, closedOn: closedOn, people: people), problems: [:])
        }
    }

    /// Dutch role names as a case worker would type them.
    static func role(_ text: String) -> String {
        switch text.lowercased() {
        case "ouder": "parent"
        case "pleegouder": "foster_parent"
        case "jongere": "youth"
        case "kind": "child"
        default: text
        }
    }

    static func columnName(_ field: String) -> String {
        switch field {
        case "role": "rol"
        case "email": "e-mail"
        case "language": "taal"
        case "birthYear": "geboortejaar"
        default: field
        }
    }
}
