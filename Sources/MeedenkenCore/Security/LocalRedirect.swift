/// Accepts a "return to" path only when it stays on this site, so that a link cannot send a
/// client from our login or language switch to somebody else's site (open redirect).
public enum LocalRedirect {
    public static func safePath(_ candidate: String?) -> String? {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"),
            !candidate.contains("\\"), !candidate.contains("://"),
            candidate.count <= 2_000,
            candidate.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { return nil }
        return candidate
    }
}
