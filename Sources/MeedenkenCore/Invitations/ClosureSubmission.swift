import Foundation

/// A trajectory closure as the case system reports it (API body or CSV rows): which trajectory,
/// which team, when it closed, and the people involved. Nothing here is stored as-is: it becomes
/// invitations, and the people's details live only on those until they are no longer needed.
public struct ClosureSubmission: Hashable, Sendable {
    public struct Person: Hashable, Sendable {
        public enum Role: String, CaseIterable, Sendable {
            case parent
            case fosterParent = "foster_parent"
            case youth
            case child
        }

        public var role: Role
        public var email: EmailAddress?
        public var language: Language
        public var birthYear: Int?
        /// The case system says never to contact this person (a secret address, a safety risk).
        public var doNotContact: Bool

        public init(role: Role, email: EmailAddress?, language: Language = .default, birthYear: Int? = nil, doNotContact: Bool = false) {
            self.role = role
            self.email = email
            self.language = language
            self.birthYear = birthYear
            self.doNotContact = doNotContact
        }
    }

    /// The case system's own reference for the trajectory; the same closure sent twice has the same one.
    public var reference: String
    /// A team's name (or id) as known in Meedenken; the app resolves it.
    public var team: String
    /// `YYYY-MM-DD`.
    public var closedOn: String
    public var people: [Person]

    public init(reference: String, team: String, closedOn: String, people: [Person]) {
        self.reference = reference
        self.team = team
        self.closedOn = closedOn
        self.people = people
    }

    /// Lengths count Unicode scalars, as JSON Schema's `maxLength` does (the API document says so).
    public static let maximumReferenceLength = 100
    public static let maximumTeamLength = 200
    public static let maximumPeople = 20
    /// The fields of the API body and of each person in it; any other is refused, so that a
    /// misspelt `doNotContact` is never silently ignored.
    public static let fields: Set<String> = ["reference", "team", "closedOn", "people"]
    public static let personFields: Set<String> = ["role", "email", "language", "birthYear", "doNotContact"]
}

/// One thing wrong with a submitted closure, and where: a JSON pointer for the API, a column for CSV.
/// `code` is a catalog key suffix (`closure.error.<code>`).
public struct ClosureProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, CaseIterable, Sendable {
        case notJSON = "not_json"
        case missing
        case wrongType = "wrong_type"
        case tooLong = "too_long"
        case badDate = "bad_date"
        case futureDate = "future_date"
        case unknownRole = "unknown_role"
        case badEmail = "bad_email"
        case unknownLanguage = "unknown_language"
        case badBirthYear = "bad_birth_year"
        case noPeople = "no_people"
        case tooManyPeople = "too_many_people"
        case unknownTeam = "unknown_team"
        case unknownField = "unknown_field"
        case conflictingRows = "conflicting_rows"
        case otherRowRejected = "other_row_rejected"
    }

    public let pointer: String
    public let code: Code

    public init(_ pointer: String, _ code: Code) {
        self.pointer = pointer
        self.code = code
    }

    public var description: String { "\(pointer): \(code.rawValue)" }
}

/// Every problem found in one submission.
public struct ClosureProblems: Error, Sendable {
    public let problems: [ClosureProblem]
    public init(_ problems: [ClosureProblem]) { self.problems = problems }
}

extension ClosureSubmission {
    /// Reads the API body. Every problem is reported with its JSON pointer; nothing is guessed.
    public static func parse(json data: Data, today: String) -> Result<ClosureSubmission, ClosureProblems> {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            return .failure(ClosureProblems([ClosureProblem("", .notJSON)]))
        }
        var problems: [ClosureProblem] = []
        for name in root.keys.sorted() where !fields.contains(name) { problems.append(ClosureProblem("/\(pointerEscaped(name))", .unknownField)) }
        let reference = text(root["reference"], "/reference", &problems, maximum: maximumReferenceLength)
        let team = text(root["team"], "/team", &problems, maximum: maximumTeamLength)
        // The day exactly as RFC 3339 writes it: not trimmed, so the document's `format: date` is the rule.
        var closedOn: String?
        switch root["closedOn"] {
        case nil, is NSNull: problems.append(ClosureProblem("/closedOn", .missing))
        case let day as String where day.isEmpty: problems.append(ClosureProblem("/closedOn", .missing))
        case let day as String:
            let before = problems.count
            checkDate(day, today: today, pointer: "/closedOn", &problems)
            if problems.count == before { closedOn = day }
        default: problems.append(ClosureProblem("/closedOn", .wrongType))
        }
        var people: [Person] = []
        switch root["people"] {
        case nil: problems.append(ClosureProblem("/people", .missing))
        case let list as [Any]:
            if list.isEmpty { problems.append(ClosureProblem("/people", .noPeople)) }
            if list.count > maximumPeople { problems.append(ClosureProblem("/people", .tooManyPeople)) }
            for (index, item) in list.prefix(maximumPeople).enumerated() {
                let pointer = "/people/\(index)"
                guard let fields = item as? [String: Any] else {
                    problems.append(ClosureProblem(pointer, .wrongType))
                    continue
                }
                for name in fields.keys.sorted() where !personFields.contains(name) {
                    problems.append(ClosureProblem("\(pointer)/\(pointerEscaped(name))", .unknownField))
                }
                var fieldText: [String: String] = [:]
                for key in ["role", "email", "language"] {
                    switch fields[key] {
                    case nil, is NSNull: break
                    case let value as String: fieldText[key] = value
                    default: problems.append(ClosureProblem("\(pointer)/\(key)", .wrongType))
                    }
                }
                var birthYear: String?
                switch fields["birthYear"] {
                case nil, is NSNull: break
                case let number as NSNumber where JSONKinds.isInteger(number): birthYear = number.stringValue
                default: problems.append(ClosureProblem("\(pointer)/birthYear", .wrongType))
                }
                var doNotContact = false
                switch fields["doNotContact"] {
                case nil, is NSNull: break
                case let flag as Bool where JSONKinds.isBool(flag): doNotContact = flag
                default: problems.append(ClosureProblem("\(pointer)/doNotContact", .wrongType))
                }
                var raw = RawPerson(
                    role: fieldText["role"], email: fieldText["email"], language: fieldText["language"], birthYear: birthYear,
                    doNotContact: doNotContact)
                raw.exactCodes = true
                if let person = raw.validated(pointer: pointer, closedOn: closedOn, &problems) { people.append(person) }
            }
        default: problems.append(ClosureProblem("/people", .wrongType))
        }
        guard problems.isEmpty, let reference, let team, let closedOn else { return .failure(ClosureProblems(problems)) }
        return .success(ClosureSubmission(reference: reference, team: team, closedOn: closedOn, people: people))
    }

    /// A member name as one JSON pointer token (RFC 6901: `~` and `/` escaped).
    static func pointerEscaped(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func text(_ value: Any?, _ pointer: String, _ problems: inout [ClosureProblem], maximum: Int) -> String? {
        switch value {
        case nil, is NSNull:
            problems.append(ClosureProblem(pointer, .missing))
            return nil
        case let string as String:
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                problems.append(ClosureProblem(pointer, .missing))
                return nil
            }
            // Counted as JSON Schema counts (`maxLength`), white space included.
            if string.unicodeScalars.count > maximum {
                problems.append(ClosureProblem(pointer, .tooLong))
                return nil
            }
            return trimmed
        default:
            problems.append(ClosureProblem(pointer, .wrongType))
            return nil
        }
    }

    static func checkDate(_ text: String, today: String, pointer: String, _ problems: inout [ClosureProblem]) {
        guard CalendarDay(text) != nil else {
            problems.append(ClosureProblem(pointer, .badDate))
            return
        }
        if text > today { problems.append(ClosureProblem(pointer, .futureDate)) }
    }
}

/// A person's fields as text, before checking: the API and the CSV reader both end here.
public struct RawPerson: Sendable {
    public var role: String?
    public var email: String?
    public var language: String?
    public var birthYear: String?
    public var doNotContact: Bool
    /// The API's rule: role and language exactly as the document's enums write them. A CSV file
    /// from a spreadsheet may have `Ouder ` or `NL`; a program's JSON has no such excuse.
    public var exactCodes = false

    public init(role: String?, email: String?, language: String?, birthYear: String?, doNotContact: Bool) {
        self.role = role
        self.email = email
        self.language = language
        self.birthYear = birthYear
        self.doNotContact = doNotContact
    }

    /// The person, or nil with the problems added. `pointer` prefixes each field name.
    public func validated(pointer: String, closedOn: String?, _ problems: inout [ClosureProblem]) -> ClosureSubmission.Person? {
        let before = problems.count
        let roleText = exactCodes ? role ?? "" : role?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let role = ClosureSubmission.Person.Role(rawValue: roleText)
        if roleText.isEmpty {
            problems.append(ClosureProblem("\(pointer)/role", .missing))
        } else if role == nil {
            problems.append(ClosureProblem("\(pointer)/role", .unknownRole))
        }
        let emailText = email?.trimmingCharacters(in: .whitespaces) ?? ""
        let address = EmailAddress(emailText)
        if !emailText.isEmpty, address == nil { problems.append(ClosureProblem("\(pointer)/email", .badEmail)) }
        // A child under 12 and a do-not-contact person get no mail, so need no address.
        let needsAddress = !doNotContact && role != .child
        if emailText.isEmpty, needsAddress, role != .youth { problems.append(ClosureProblem("\(pointer)/email", .missing)) }
        let languageText = exactCodes ? language ?? "" : language?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let language = languageText.isEmpty && !(exactCodes && self.language != nil) ? Language.default : Language(rawValue: languageText)
        if language == nil { problems.append(ClosureProblem("\(pointer)/language", .unknownLanguage)) }
        var year: Int?
        let yearText = birthYear?.trimmingCharacters(in: .whitespaces) ?? ""
        if !yearText.isEmpty {
            let closingYear = closedOn.flatMap { Int($0.prefix(4)) } ?? 9999
            if let value = Int(yearText), value >= 1900, value <= closingYear {
                year = value
            } else {
                problems.append(ClosureProblem("\(pointer)/birthYear", .badBirthYear))
            }
        } else if role == .youth || role == .child {
            // Whether a youth gets their own mail depends on their age.
            problems.append(ClosureProblem("\(pointer)/birthYear", .missing))
        }
        // A child or youth of 12 or older gets their own mail, so needs an address unless they
        // are not to be contacted (case systems say "child" and "youth" for the same ages).
        if role == .youth || role == .child, emailText.isEmpty, !doNotContact, let year, let closingYear = closedOn.flatMap({ Int($0.prefix(4)) }),
            closingYear - year >= 12
        {
            problems.append(ClosureProblem("\(pointer)/email", .missing))
        }
        guard problems.count == before, let role, let language else { return nil }
        return ClosureSubmission.Person(role: role, email: address, language: language, birthYear: year, doNotContact: doNotContact)
    }
}
