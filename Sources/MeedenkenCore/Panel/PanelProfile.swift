import Foundation

/// Who signs up to think along, and how: only what is needed to ask them, never anything about
/// their case (DOMAIN "Privacy").
public enum PanelRole: String, CaseIterable, Codable, Sendable {
    case youth
    case parent
    case fosterParent = "foster_parent"
}

/// The ways to join the organisation offers.
public enum WayToJoin: String, CaseIterable, Codable, Sendable {
    /// A short questionnaire about one topic now and then.
    case panelQuestionnaires = "panel"
    case mirrorMeeting = "mirror_meeting"
    case clientCouncil = "client_council"
    /// A one-off meeting or project.
    case oneOff = "one_off"
}

/// What a member needs to take part.
public enum ParticipationNeed: String, CaseIterable, Codable, Sendable {
    case accessibility
    case interpreter
    case travel
    case childcare
    case online
}
