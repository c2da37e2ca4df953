/// A place a results view shows figures for.
public enum ResultPlace: Hashable, Sendable {
    case organisation
    /// The teams a team manager may see, together.
    case ownTeams
    case region(String)
    case team(String)
    /// Responses without a team (the open link).
    case noTeam
}
