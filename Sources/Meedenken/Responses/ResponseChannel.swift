/// How a response came in; stored with it, and a results filter (`kanaal`).
enum ResponseChannel: String, CaseIterable, Sendable {
    case invitation
    case openLink = "open_link"
    case paper
}
