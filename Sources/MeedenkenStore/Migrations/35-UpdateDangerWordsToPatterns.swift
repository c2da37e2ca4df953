import FluentKit
import Foundation

/// Danger words became patterns (`DangerPattern`): word forms, word order, exceptions. A stored
/// codebook that still has the old shipped list gets the new starter list; a list someone edited
/// keeps its entries, each single word with a `*`, so it still finds what it found before (a
/// word was then matched as the start of a word).
///
/// Frozen on purpose: both lists and the record are copied here, not read from the live code or
/// the resource file, so that running this migration on an old database later does exactly what
/// it did on the day it was written.
package struct UpdateDangerWordsToPatterns: AsyncMigration {
    package var name: String { "Meedenken.UpdateDangerWordsToPatterns" }
    package init() {}

    /// The shipped list before patterns.
    package static let oldDefault: [String] = [
        "onveilig", "niet veilig", "mishandel", "geslagen", "slaan", "misbruik", "zelfmoord", "suicide", "suïcide", "dood willen", "niet meer leven",
        "bang voor", "bedreig", "geweld", "unsafe", "abuse", "suicide",
    ]

    /// The starter list as shipped with patterns.
    package static let starterList: [String] = [
        "zelfmoord*", "van kant maken", "zelfmoort*", "selfmoord*", "zelf moord", "zelfdoding", "suicid*", "suisid*", "zelfbeschadig*",
        "dood willen", "willen doodgaan", "liever dood", "maar dood", "dood wensen @mezelf", "niet meer leven", "willen er niet meer zijn",
        "geen zin leven", "leven zinloos", "niet meer wakker", "zie|zag|zien het niet meer zitten", "leven beeindigen",
        "eind|einde maken leven|mijn", "er een eind aan maken", "@mezelf ophangen", "@mezelf doden", "@mezelf vermoorden", "@mezelf pijn doen",
        "@mezelf snijden", "snijden in @mezelf|arm|armen|pols|polsen", "krassen arm|armen|pols|polsen|@mezelf", "@mezelf iets aandoen",
        "voor trein springen", "van flat|brug springen", "niemand missen @mij", "pillen slikken alle|allemaal", "mishandel*", "geweld",
        "gewelddadig*", "slaan @mij", "slaan @thuis", "worden geslagen", "ik geslagen", "schoppen @mij", "trappen @mij", "stompen @mij",
        "knijpen @mij", "pijn doen @mij", "blauwe plekken", "bedreigen", "dreigen @mij", "vermoorden @mij", "dood maken @mij", "opgesloten",
        "opsluiten @mij", "bang|doodsbang|angstig voor @thuis", "bang thuis", "bang als thuis|vader|moeder|papa|mama", "misbruiken @mij",
        "seksueel misbruik*", "misbruik* @thuis", "aanrand*", "aangerand", "verkracht*", "aanraken @mij", "raken aan @mij", "\"zitten aan @mij\"",
        "seks @mij", "naaktfoto*", "blote foto*", "ongewenst*", "onveilig", "niet veilig", "durven niet huis|thuis", "niet naar huis durven",
        "weglopen", "lopen weg huis|thuis", "ik lopen weg", "van huis weg", "!lachen me dood", "!lachen mij dood", "!schrikken me dood",
        "!schrikken mij dood", "!vervelen me dood", "!vervelen mij dood", "!dood saai", "!dood moe", "!dood op", "!dood ziek", "!dood leuk",
        "!dood normaal", "!dood gewoon", "!dood van de honger", "!dood van het lachen", "!de weg", "!weg van huis met vakantie", "suicidal",
        "kill myself", "want die", "end my life", "end it all", "better off dead", "self harm*", "selfharm*", "cut myself", "hurt myself",
        "dont want live", "no reason to live", "abuse*", "abusive", "hit @mij", "hit|beat|hurt|kick @thuis", "beat @mij", "kick @mij", "hurt @mij",
        "violence", "violent", "threaten @mij", "lock @mij", "scared|afraid|frightened of @thuis", "scared|afraid|frightened at home", "bruises",
        "rape*", "molest*", "touch @mij", "sexual abuse", "nude pictures|photos|pics", "unsafe", "not safe", "dont feel safe", "run away",
        "!in touch", "!scared me to death", "!bored to death",
    ]

    /// The codebook table as it was when this migration was written.
    private final class FrozenCodebook: Model, @unchecked Sendable {
        package static let schema = "codebook"
        @ID(key: .id) package var id: UUID?
        @Field(key: "document") package var document: String
        package init() {}
    }

    package func prepare(on database: any Database) async throws {
        for record in try await FrozenCodebook.query(on: database).all() {
            guard let data = record.document.data(using: .utf8),
                var document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let words = document["dangerWords"] as? [String]
            else { continue }
            document["dangerWords"] = Self.upgraded(words)
            record.document = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
            try await record.save(on: database)
        }
    }

    /// The old default becomes the starter list; an edited list keeps its meaning.
    package static func upgraded(_ words: [String]) -> [String] {
        let cleaned = words.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        if Set(cleaned) == Set(oldDefault) { return starterList }
        return cleaned.map { $0.contains(" ") || $0.hasSuffix("*") ? $0 : $0 + "*" }
    }

    /// The old list cannot be told apart from an edited one afterwards: reverting keeps the list.
    package func revert(on database: any Database) async throws {}
}
