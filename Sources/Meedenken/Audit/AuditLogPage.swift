struct AuditLogPage: Encodable {
    struct Row: Encodable {
        let occurredAt: String
        let actor: String
        let action: String
        let object: String
        let detail: String
        let clientAddress: String
    }

    let layout: LayoutContext
    let formAction: String
    let actions: [SelectOption]
    let actor: String
    let from: String
    let until: String
    let rows: [Row]
    let hasRows: Bool
    let previousHref: String?
    let nextHref: String?
    let errors: FormErrors
}
