/// How mails address adults in Dutch: informal "je" or formal "u", the organisation's choice.
/// Youths are always addressed with "je"; English has one form, so both give the same text.
public enum FormOfAddress: String, CaseIterable, Codable, Sendable {
    case je
    case u

    public static let `default` = FormOfAddress.u
}
