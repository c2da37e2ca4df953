import MeedenkenCore
import MeedenkenStore

extension SettingsForm {
    /// The form with the safety-net fields it did not send taken from what is stored: the help
    /// lines, who is on duty, hours until escalation. A field sent empty stays empty (cleared).
    func withSafety(of settings: OrganisationSettings) -> SettingsForm {
        var form = self
        let lines = settings.storedHelpLines
        func line(_ kind: HelpLine.Kind) -> HelpLine? { lines.first { $0.kind == kind } }
        form.helpName_kindertelefoon = helpName_kindertelefoon ?? line(.childLine)?.name
        form.helpPhone_kindertelefoon = helpPhone_kindertelefoon ?? line(.childLine)?.phone
        form.helpName_veilig_thuis = helpName_veilig_thuis ?? line(.domesticAbuse)?.name
        form.helpPhone_veilig_thuis = helpPhone_veilig_thuis ?? line(.domesticAbuse)?.phone
        form.helpName_zelfmoordpreventie = helpName_zelfmoordpreventie ?? line(.suicidePrevention)?.name
        form.helpPhone_zelfmoordpreventie = helpPhone_zelfmoordpreventie ?? line(.suicidePrevention)?.phone
        form.helpName_alarmnummer = helpName_alarmnummer ?? line(.emergency)?.name
        form.helpPhone_alarmnummer = helpPhone_alarmnummer ?? line(.emergency)?.phone
        form.onDuty = onDuty ?? settings.onDutyAddresses.joined(separator: "\n")
        form.escalationHours = escalationHours ?? settings.escalationHours.map(String.init)
        return form
    }
}
