/// A smiley option's face, drawn as inline SVG by `Partials/smileyFace.leaf`: the same on every
/// device (system emoji differ, and without an emoji font they are empty boxes). The mouth carries
/// the meaning, so the face reads without colour; the text label beside it is what a screen reader
/// says (the drawing is decorative).
struct SmileyFace: Encodable, Hashable {
    /// SVG path data of the mouth in the face's 64 × 64 box.
    let mouth: String
    /// A wide-open laugh is filled; the other mouths are a line.
    let isOpen: Bool
    /// The inner ends of the brows slant up for the saddest face, so it differs from "sad" by more
    /// than the depth of the frown.
    let hasWorriedBrows: Bool

    /// The face for a smiley scale's option key (`StandardScales`), or nil for anything else
    /// ("weet ik niet", another scale).
    static func forOption(_ key: String) -> SmileyFace? {
        switch key {
        case "very_sad": SmileyFace(mouth: "M19 49 Q32 33 45 49", isOpen: false, hasWorriedBrows: true)
        case "sad": SmileyFace(mouth: "M21 46 Q32 38 43 46", isOpen: false, hasWorriedBrows: false)
        case "neutral": SmileyFace(mouth: "M21 43 L43 43", isOpen: false, hasWorriedBrows: false)
        case "happy": SmileyFace(mouth: "M21 40 Q32 50 43 40", isOpen: false, hasWorriedBrows: false)
        case "very_happy": SmileyFace(mouth: "M18 37 Q32 60 46 37 Z", isOpen: true, hasWorriedBrows: false)
        default: nil
        }
    }
}
