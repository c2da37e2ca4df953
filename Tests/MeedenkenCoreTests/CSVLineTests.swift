import Testing

@testable import MeedenkenCore

/// A spreadsheet must never run a field as a formula (OWASP CSV injection, issue 12 #12).
@Suite("CSV fields")
struct CSVLineTests {
    @Test(arguments: ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\r\n=1+1"])
    func aFieldAFormulaCouldStartWithGetsAnApostrophe(field: String) {
        let escaped = CSVLine.escape(field, separator: ";")
        let unquoted = escaped.hasPrefix("\"") ? String(escaped.dropFirst()) : escaped
        #expect(unquoted.hasPrefix("'"), "\(field.debugDescription) became \(escaped.debugDescription)")
    }

    @Test func numbersAndOrdinaryTextStayAsTheyAre() {
        #expect(CSVLine.escape("-3", separator: ";") == "-3")
        #expect(CSVLine.escape("+4.5", separator: ",") == "+4.5")
        #expect(CSVLine.escape("Goed geholpen", separator: ";") == "Goed geholpen")
        #expect(CSVLine.escape("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVLine.escape("\tx", separator: ";") == "'\tx")
        #expect(CSVLine.escape("\rx", separator: ";") == "\"'\rx\"")
    }
}
