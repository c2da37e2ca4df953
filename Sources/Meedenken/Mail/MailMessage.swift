import Foundation
import MeedenkenCore
import MeedenkenStore
import Synchronization

/// A plain-text mail in UTF-8, written as an RFC 5322 message with quoted-printable body and
/// RFC 2047 encoded subject, so any server and any mail program reads it.
struct MailMessage: Sendable, Equatable {
    var messageID: String
    var from: String
    var fromName: String
    var to: String
    var subject: String
    var body: String
    var date: Date
    /// RFC 8058 one-click unsubscribe target, shown by mail programs next to the sender.
    var unsubscribeURL: String?

    /// The message with CRLF line ends.
    func rendered() -> String {
        var headers = [
            "From: \(Self.encodedWord(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            // Tells auto-responders not to answer (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        if let unsubscribeURL {
            headers.append("List-Unsubscribe: <\(unsubscribeURL)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body)
    }

    /// `=?UTF-8?B?…?=` when the text is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" && $0 != "=" && $0 != "?" }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func rfc5322Date(_ date: Date) -> String {
        // One formatter, used under a lock: making one per mail cost more than the rest of it.
        // The mails of one run share their date, so the last one written is remembered.
        dateFormatter.withLock { state in
            if state.lastDate == date { return state.lastText }
            state.lastText = state.formatter.string(from: date)
            state.lastDate = date
            return state.lastText
        }
    }

    private struct DateFormatterState {
        let formatter: DateFormatter
        var lastDate: Date?
        var lastText = ""
    }

    private static let dateFormatter: Mutex<DateFormatterState> = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return Mutex(DateFormatterState(formatter: formatter))
    }()

    /// RFC 2045 quoted-printable: lines of at most 76 characters, soft breaks with `=`.
    static func quotedPrintable(_ text: String) -> String {
        // Byte by byte into one buffer (a wave or a panel send encodes thousands of bodies):
        // line breaks become CRLF, lines longer than 76 are broken with a soft break.
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        for (number, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if number > 0 { output += [13, 10] }
            // "\r\n" in the text is one line break, like "\n".
            let bytes = line.last == 13 ? line.dropLast() : line[...]
            var length = 0
            for (index, byte) in zip(bytes.indices, bytes) {
                let isLast = index == bytes.index(before: bytes.endIndex)
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let width = plain ? 1 : 3
                if length + width > 75 {
                    output += [61, 13, 10]
                    length = 0
                }
                if plain { output.append(byte) } else { output += [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
                length += width
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
