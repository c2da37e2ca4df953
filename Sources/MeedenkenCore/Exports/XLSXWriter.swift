/// Writes an Excel workbook (`.xlsx`) row by row: one sheet of responses, then one of variable
/// and value labels. Cells are inline strings or numbers, so no shared-string table has to be
/// held in memory.
public struct XLSXWriter: Sendable {
    public let variables: [ExportVariable]
    private var zip = ZipStreamWriter()
    private var rowNumber = 0

    public init(variables: [ExportVariable]) {
        self.variables = variables
    }

    /// The fixed parts and the start of the responses sheet, with its header row of names.
    public mutating func start() -> [UInt8] {
        var out: [UInt8] = []
        for (name, content) in Self.fixedParts { out += file(name, content) }
        out += zip.startEntry("xl/worksheets/sheet1.xml")
        out += zip.write(Array(Self.sheetStart.utf8))
        out += row(variables.map { .text($0.name) })
        return out
    }

    public mutating func row(_ values: [ExportValue]) -> [UInt8] {
        rowNumber += 1
        var xml = "<row r=\"\(rowNumber)\">"
        for (index, value) in values.enumerated() {
            let reference = Self.column(index) + String(rowNumber)
            switch value {
            case .number(let number): xml += "<c r=\"\(reference)\"><v>\(ExportValue.number(number).csvText(decimalComma: false))</v></c>"
            case .text(let text): xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
            case .missing: continue
            }
        }
        xml += "</row>"
        return zip.write(Array(xml.utf8))
    }

    /// Closes the responses sheet, writes the labels sheet and the archive's directory.
    public mutating func finish(labelsHeader: [String]) -> [UInt8] {
        var out = zip.write(Array("</sheetData></worksheet>".utf8))
        out += zip.finishEntry()
        out += zip.startEntry("xl/worksheets/sheet2.xml")
        out += zip.write(Array(Self.sheetStart.utf8))
        rowNumber = 0
        out += row(labelsHeader.map { .text($0) })
        for variable in variables {
            out += row([.text(variable.name), .text(variable.label), .missing, .missing, .missing])
            for (value, label) in variable.valueLabels {
                let missing = variable.missingValues.contains(value)
                out += row([.text(variable.name), .missing, .number(value), .text(label), missing ? .number(1) : .missing])
            }
        }
        out += zip.write(Array("</sheetData></worksheet>".utf8))
        out += zip.finishEntry()
        out += zip.finish()
        return out
    }

    private mutating func file(_ name: String, _ content: String) -> [UInt8] {
        zip.startEntry(name) + zip.write(Array(content.utf8)) + zip.finishEntry()
    }

    /// `A`, `B`, … `Z`, `AA`, …
    static func column(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// XML text, without the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    static let sheetStart = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        """

    static let fixedParts: [(String, String)] = [
        (
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>
            """
        ),
        (
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """
        ),
        (
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Antwoorden" sheetId="1" r:id="rId1"/><sheet name="Labels" sheetId="2" r:id="rId2"/></sheets></workbook>
            """
        ),
        (
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
            </Relationships>
            """
        ),
    ]
}
