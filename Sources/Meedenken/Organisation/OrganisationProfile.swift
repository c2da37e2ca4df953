import Fluent
import MeedenkenCore
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
            privacyStatement: privacyStatement, minimumGroupSize: minimumGroupSize)
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
