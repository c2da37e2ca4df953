/// Word forms and word groups for danger patterns, so a list entry names a verb once and still
/// finds it however a youth or parent writes it. An entry word that is a key here (an
/// infinitive) stands for all its forms; any other word stands for itself only, so "geslagen"
/// in an entry means exactly that form. Forms that are also ordinary nouns ("trap", stairs)
/// are left out on purpose.
enum DangerLexicon {
    static let forms: [String: [String]] = [
        // Dutch
        "willen": ["wil", "wilt", "wilde", "wilden", "wou", "wouden", "gewild", "willen"],
        "slaan": ["sla", "slaat", "slaan", "sloeg", "sloegen", "geslagen", "slaand"],
        "schoppen": ["schop", "schopt", "schopte", "schopten", "geschopt", "schoppen"],
        "trappen": ["trapt", "trapte", "trapten", "getrapt", "trappen"],
        "stompen": ["stomp", "stompt", "stompte", "stompten", "gestompt", "stompen"],
        "knijpen": ["knijp", "knijpt", "kneep", "knepen", "geknepen", "knijpen"],
        "misbruiken": ["misbruik", "misbruikt", "misbruikte", "misbruikten", "misbruiken"],
        "vermoorden": ["vermoord", "vermoordt", "vermoordde", "vermoordden", "vermoorden"],
        "doden": ["doodt", "doodde", "doodden", "gedood", "doden"],
        "ophangen": ["ophangen", "hang", "hangt", "hing", "hingen", "opgehangen"],
        "snijden": ["snij", "snijd", "snijdt", "sneed", "sneden", "gesneden", "snijden"],
        "krassen": ["kras", "krast", "kraste", "krasten", "gekrast", "krassen"],
        "raken": ["raak", "raakt", "raakte", "raakten", "raken"],
        "aanraken": ["aanraken", "aanraakt", "aangeraakt", "aanraakte", "aanraakten"],
        "zitten": ["zit", "zitten", "zat", "zaten", "gezeten"],
        "lopen": ["loop", "loopt", "liep", "liepen", "gelopen", "lopen"],
        "weglopen": ["weglopen", "wegloop", "wegloopt", "wegliep", "wegliepen", "weggelopen", "weglopers"],
        "durven": ["durf", "durft", "durfde", "durfden", "durven", "gedurfd", "dorst"],
        "maken": ["maak", "maakt", "maakte", "maakten", "gemaakt", "maken"],
        "doen": ["doe", "doet", "deed", "deden", "gedaan", "doen"],
        "worden": ["word", "wordt", "werd", "werden", "geworden", "worden"],
        "schrikken": ["schrik", "schrikt", "schrok", "schrokken", "geschrokken", "schrikken"],
        "lachen": ["lach", "lacht", "lachte", "lachten", "gelachen", "lachen"],
        "vervelen": ["verveel", "verveelt", "verveelde", "verveelden", "verveeld", "vervelen"],
        "springen": ["spring", "springt", "sprong", "sprongen", "gesprongen", "springen"],
        "gaan": ["ga", "gaat", "ging", "gingen", "gegaan", "gaan"],
        "doodgaan": ["doodgaan", "doodga", "doodgaat", "doodging", "doodgingen", "doodgegaan"],
        "leven": ["leef", "leeft", "leefde", "leefden", "geleefd", "leven"],
        "zijn": ["ben", "bent", "is", "was", "waren", "geweest", "zijn", "wezen"],
        "bedreigen": ["bedreig", "bedreigt", "bedreigde", "bedreigden", "bedreigd", "bedreigen"],
        "dreigen": ["dreig", "dreigt", "dreigde", "dreigden", "gedreigd", "dreigen"],
        "opsluiten": ["opsluiten", "opgesloten", "sluit", "sluiten", "sloot", "sloten"],
        "missen": ["mis", "mist", "miste", "misten", "gemist", "missen"],
        "wensen": ["wens", "wenst", "wenste", "wensten", "gewenst", "wensen"],
        "slikken": ["slik", "slikt", "slikte", "slikten", "geslikt", "slikken"],
        // English
        "want": ["want", "wants", "wanted", "wanting", "wanna"],
        "kill": ["kill", "kills", "killed", "killing"],
        "hit": ["hit", "hits", "hitting"],
        "beat": ["beat", "beats", "beaten", "beating"],
        "kick": ["kick", "kicks", "kicked", "kicking"],
        "hurt": ["hurt", "hurts", "hurting"],
        "cut": ["cut", "cuts", "cutting"],
        "end": ["end", "ends", "ended", "ending"],
        "run": ["run", "runs", "ran", "running"],
        "touch": ["touch", "touches", "touched", "touching"],
        "threaten": ["threaten", "threatens", "threatened", "threatening"],
        "lock": ["lock", "locks", "locked", "locking"],
        "die": ["die", "dies", "died", "dying", "dead"],
        "live": ["live", "living"],
        "feel": ["feel", "feels", "felt", "feeling"],
    ]

    /// Groups an entry names with `@`: who is hit, who at home.
    static let groups: [String: Set<String>] = [
        // The writer (or the writer with others) as the one something is done to.
        "mij": ["me", "mij", "mezelf", "mijzelf", "ons", "onszelf", "myself", "us", "ourselves"],
        "mezelf": ["mezelf", "mijzelf", "myself"],
        // People and places at home.
        "thuis": [
            "vader", "moeder", "papa", "mama", "pappa", "mamma", "pap", "mam", "stiefvader", "stiefmoeder", "stiefpapa", "stiefmama",
            "pleegvader", "pleegmoeder", "pleegouder", "pleegouders", "ouders", "broer", "broertje", "zus", "zusje", "opa", "oma", "oom",
            "tante", "vriend", "thuis", "huis", "dad", "daddy", "mum", "mom", "mummy", "mommy", "father", "mother", "stepdad",
            "stepfather", "stepmother", "stepmum", "stepmom", "parents", "brother", "sister", "uncle", "home", "boyfriend", "ex", "man",
        ],
    ]
}
