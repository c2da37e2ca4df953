import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The organisation's settings as pages use them: a value, never the model.
struct OrganisationProfile: Sendable {
    let name: String
    let brandColour: BrandColour
    let hasLogo: Bool
    let contactURL: String?
    let complaintsURL: String?
    let confidentialAdviserURL: String?
    let privacyStatement: String
    let minimumGroupSize: Int
    /// Every kind of help line, the organisation's where it set one, else the Dutch default.
    let helpLines: [HelpLine]
}

extension OrganisationSettings {
    /// The single settings row, created from the configuration on first use.
    static func current(on database: any Database, defaultName: String, now: Date) async throws -> OrganisationSettings {
        if let existing = try await OrganisationSettings.query(on: database).first() { return existing }
        let settings = OrganisationSettings(
            name: defaultName, brandColour: BrandColour.default.hex,
            minimumGroupSize: MinimumGroupSize.default, updatedAt: now)
        try await settings.create(on: database)
        return settings
    }

    var profile: OrganisationProfile {
        OrganisationProfile(
            name: name, brandColour: BrandColour(hex: brandColour) ?? .default, hasLogo: logo != nil,
            contactURL: contactURL, complaintsURL: complaintsURL, confidentialAdviserURL: confidentialAdviserURL,
            privacyStatement: privacyStatement, minimumGroupSize: minimumGroupSize, helpLines: storedHelpLines)
    }
}

extension OrganisationSettings {
    var storedHelpLines: [HelpLine] {
        HelpLine.merged(helpLines.flatMap { try? JSONDecoder().decode([HelpLine].self, from: Data($0.utf8)) } ?? [])
    }

    /// The on-duty addresses, each once, in the order given.
    var onDutyAddresses: [String] {
        var seen: Set<String> = []
        return (onDuty ?? "").split { $0 == "\n" || $0 == "," || $0 == ";" }.map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.lowercased() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

extension Request {
    private struct ProfileKey: StorageKey { typealias Value = OrganisationProfile }

    /// The organisation's profile, read once per request.
    func organisation() async throws -> OrganisationProfile {
        if let cached = storage[ProfileKey.self] { return cached }
        let profile = try await OrganisationSettings.current(
            on: db, defaultName: application.config.organisationName, now: now
        ).profile
        storage[ProfileKey.self] = profile
        return profile
    }
}
