import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The organisation's name, look, links for clients and the minimum group size for reports.
struct SettingsController {
    static let maximumLogoBytes = 512 * 1024

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .settings, access: .staff(.manageSettings), use: show)
        routes.on(.POST, .settings, access: .staff(.manageSettings), staleForm: .reshow, use: save)
        routes.on(
            .POST, .settingsLogo, access: .staff(.manageSettings), staleForm: .reshow,
            body: .collect(maxSize: "1mb"), use: saveLogo)
        routes.on(.GET, .logo, access: .anyone, use: logo)
        routes.on(.GET, .brandStylesheet, access: .anyone, use: brandStylesheet)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let settings = try await current(req)
        let form = SettingsForm(
            name: settings.name, brandColour: settings.brandColour, contactURL: settings.contactURL,
            complaintsURL: settings.complaintsURL, confidentialAdviserURL: settings.confidentialAdviserURL,
            privacyStatement: settings.privacyStatement, minimumGroupSize: String(settings.minimumGroupSize),
            adultForm: settings.adultFormOfAddress.rawValue
        ).withSafety(of: settings)
        return try await page(req, form: form, hasLogo: settings.logo != nil, saved: req.querySaved != nil)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let settings = try await current(req)
        let form = try req.form(SettingsForm.self).withSafety(of: settings)
        var errors = req.staleFormErrors()
        let name = form.name.trimmed
        let colour = BrandColour(hex: form.brandColour.trimmed)
        let groupSize = Int(form.minimumGroupSize.trimmed)
        if !errors.hasErrors {
            if name.isEmpty || name.count > 200 { errors.add("name", req.t("settings.error.name")) }
            if let colour {
                if !colour.isReadableWithWhiteText {
                    errors.add("brandColour", req.t("settings.error.contrast", ["ratio": String(format: "%.1f", colour.contrastAgainstWhite)]))
                }
            } else {
                errors.add("brandColour", req.t("settings.error.colour"))
            }
            for (field, value) in [
                ("contactURL", form.contactURL), ("complaintsURL", form.complaintsURL), ("confidentialAdviserURL", form.confidentialAdviserURL),
            ]
            where !Self.isAcceptableLink(value.trimmed) {
                errors.add(field, req.t("settings.error.link"))
            }
            if form.privacyStatement.trimmed.count > 20_000 { errors.add("privacyStatement", req.t("settings.error.privacyLength")) }
            for kind in HelpLine.Kind.allCases {
                let name = form.helpName(kind).trimmed
                let phone = form.helpPhone(kind).trimmed
                if !HelpLine.isAcceptablePhone(phone) { errors.add("helpPhone_\(kind.rawValue)", req.t("settings.error.helpPhone")) }
                if name.count > 80 || (name.isEmpty && !phone.isEmpty) { errors.add("helpName_\(kind.rawValue)", req.t("settings.error.helpName")) }
            }
            let unreadable = Self.lines(form.onDuty).filter { EmailAddress($0) == nil }
            if !unreadable.isEmpty { errors.add("onDuty", req.t("settings.error.onDuty", ["entries": unreadable.joined(separator: ", ")])) }
            if !form.escalationHours.trimmed.isEmpty, !(1...168).contains(Int(form.escalationHours.trimmed) ?? 0) {
                errors.add("escalationHours", req.t("settings.error.escalationHours"))
            }
            if groupSize.map(MinimumGroupSize.isAcceptable) != true {
                errors.add("minimumGroupSize", req.t("settings.error.groupSize", ["floor": "\(MinimumGroupSize.floor)"]))
            } else if let groupSize, groupSize != settings.minimumGroupSize, try await SurveyResponse.query(on: req.db).first() != nil {
                // Closed months are settled with the minimum of the moment. Figures released with
                // another minimum beside those released before could be subtracted from each
                // other: with a smaller one a group below the old minimum shows; with a larger
                // one a class merges with a neighbour that was released apart, and the
                // difference is that neighbour (docs/threat-model.md). So it is fixed once
                // people have answered.
                errors.add("minimumGroupSize", req.t("settings.error.groupSizeFixed", ["minimum": "\(settings.minimumGroupSize)"]))
            }
            if let adultForm = form.adultForm, FormOfAddress(rawValue: adultForm) == nil {
                errors.add("adultForm", req.t("settings.error.adultForm"))
            }
        }
        guard !errors.hasErrors, let colour, let groupSize else {
            return try await page(req, form: form, hasLogo: settings.logo != nil, errors: errors, status: .unprocessableEntity)
        }
        settings.name = name
        settings.brandColour = colour.hex
        settings.contactURL = form.contactURL.trimmed.isEmpty ? nil : form.contactURL.trimmed
        settings.complaintsURL = form.complaintsURL.trimmed.isEmpty ? nil : form.complaintsURL.trimmed
        settings.confidentialAdviserURL = form.confidentialAdviserURL.trimmed.isEmpty ? nil : form.confidentialAdviserURL.trimmed
        settings.privacyStatement = form.privacyStatement.trimmed
        settings.minimumGroupSize = groupSize
        if let adultForm = form.adultForm.flatMap(FormOfAddress.init(rawValue:)) { settings.adultFormOfAddress = adultForm }
        let helpLines = HelpLine.Kind.allCases.map { HelpLine(kind: $0, name: form.helpName($0).trimmed, phone: form.helpPhone($0).trimmed) }
        settings.helpLines = helpLines == HelpLine.netherlands ? nil : String(decoding: try JSONEncoder().encode(helpLines), as: UTF8.self)
        let onDuty = Self.lines(form.onDuty).compactMap { EmailAddress($0)?.value }
        settings.onDuty = onDuty.isEmpty ? nil : onDuty.joined(separator: "\n")
        settings.escalationHours = Int(form.escalationHours.trimmed)
        settings.updatedAt = req.now
        try await settings.save(on: req.db)
        try await req.audit(
            .settingsChanged, object: ("organisation_settings", try settings.requireID().uuidString),
            detail:
                "minimum group size \(groupSize), \(onDuty.count) on duty, escalation after \(settings.escalationHours ?? DangerAlerts.defaultEscalationHours) hours"
        )
        return req.redirect(to: SiteRoute.settings.path(.saved()))
    }

    @Sendable func saveLogo(req: Request) async throws -> Response {
        let settings = try await current(req)
        var errors = req.staleFormErrors()
        let form = try req.form(LogoForm.self)
        if !errors.hasErrors {
            if form.remove == "on" {
                settings.logo = nil
                settings.logoContentType = nil
            } else if let file = form.logo, file.data.readableBytes > 0 {
                let bytes = Data(file.data.readableBytesView)
                if let type = Self.imageType(of: bytes), bytes.count <= Self.maximumLogoBytes {
                    settings.logo = bytes
                    settings.logoContentType = type
                } else {
                    errors.add("logo", req.t("settings.error.logo"))
                }
            } else {
                errors.add("logo", req.t("settings.error.logoMissing"))
            }
        }
        if errors.hasErrors {
            let form = SettingsForm(
                name: settings.name, brandColour: settings.brandColour, contactURL: settings.contactURL,
                complaintsURL: settings.complaintsURL, confidentialAdviserURL: settings.confidentialAdviserURL,
                privacyStatement: settings.privacyStatement, minimumGroupSize: String(settings.minimumGroupSize),
                adultForm: settings.adultFormOfAddress.rawValue
            ).withSafety(of: settings)
            return try await page(req, form: form, hasLogo: settings.logo != nil, logoErrors: errors, status: .unprocessableEntity)
        }
        settings.updatedAt = req.now
        try await settings.save(on: req.db)
        try await req.audit(.settingsChanged, object: ("organisation_settings", try settings.requireID().uuidString), detail: "logo")
        return req.redirect(to: SiteRoute.settings.path(.saved()))
    }

    @Sendable func logo(req: Request) async throws -> Response {
        let settings = try await current(req)
        guard let logo = settings.logo, let type = settings.logoContentType else {
            throw UserFacingError(.notFound, "error.message.404")
        }
        let response = Response(status: .ok, body: .init(data: logo))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }

    /// The organisation's colour as a stylesheet, so that no page needs inline style (CSP).
    @Sendable func brandStylesheet(req: Request) async throws -> Response {
        let colour = try await req.organisation().brandColour.hex
        let response = Response(status: .ok, body: .init(string: ":root { --brand: \(colour); }\n"))
        response.headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return response
    }

    /// Entries of a list typed one a line (commas and semicolons also separate).
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split { $0 == "\n" || $0 == "\r" || $0 == "," || $0 == ";" }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Empty (no link) or an http(s) address.
    static func isAcceptableLink(_ value: String) -> Bool {
        if value.isEmpty { return true }
        guard value.count <= 500, let url = URL(string: value), ["https", "http"].contains(url.scheme ?? ""), url.host != nil else {
            return false
        }
        return true
    }

    /// PNG or JPEG by their magic bytes; anything else (SVG can carry script) is refused.
    static func imageType(of bytes: Data) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    private func current(_ req: Request) async throws -> OrganisationSettings {
        try await OrganisationSettings.current(on: req.db, defaultName: req.application.config.organisationName, now: req.now)
    }

    private func page(
        _ req: Request, form: SettingsForm, hasLogo: Bool, saved: Bool = false, errors: FormErrors = FormErrors(),
        logoErrors: FormErrors = FormErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = SettingsPage(
            layout: try await req.layout(titleKey: "settings.title"), formAction: SiteRoute.settings.path,
            logoAction: SiteRoute.settingsLogo.path, name: form.name.trimmed, brandColour: form.brandColour.trimmed,
            contactURL: form.contactURL.trimmed, complaintsURL: form.complaintsURL.trimmed,
            confidentialAdviserURL: form.confidentialAdviserURL.trimmed, privacyStatement: form.privacyStatement.trimmed,
            minimumGroupSize: form.minimumGroupSize.trimmed, minimumGroupSizeFloor: MinimumGroupSize.floor,
            adultForms: FormOfAddress.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("settings.adultForm.\($0.rawValue)"), isSelected: (form.adultForm ?? "u") == $0.rawValue)
            }, mailPreviewHref: SiteRoute.mailPreview.path,
            helpLines: HelpLine.Kind.allCases.map { kind in
                HelpLineField(
                    kind: kind.rawValue, label: req.t("settings.help.\(kind.rawValue)"), name: form.helpName(kind).trimmed,
                    phone: form.helpPhone(kind).trimmed, nameError: errors.fields["helpName_\(kind.rawValue)"],
                    phoneError: errors.fields["helpPhone_\(kind.rawValue)"])
            },
            onDuty: form.onDuty.trimmed, escalationHours: form.escalationHours.trimmed, defaultEscalationHours: DangerAlerts.defaultEscalationHours,
            hasLogo: hasLogo, logoHref: SiteRoute.logo.path, saved: saved, errors: errors, logoErrors: logoErrors)
        return try await req.render("Admin/settings", context, status: status)
    }
}
