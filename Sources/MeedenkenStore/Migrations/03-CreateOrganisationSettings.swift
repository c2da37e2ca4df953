import FluentKit

package struct CreateOrganisationSettings: AsyncMigration {
    package var name: String { "Meedenken.CreateOrganisationSettings" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("organisation_settings")
            .id()
            .field("name", .string, .required)
            .field("brand_colour", .string, .required)
            .field("logo", .data)
            .field("logo_content_type", .string)
            .field("contact_url", .string)
            .field("complaints_url", .string)
            .field("confidential_adviser_url", .string)
            .field("privacy_statement", .string, .required)
            .field("minimum_group_size", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("organisation_settings").delete()
    }
}
