import Testing

@testable import MeedenkenCore

@Suite("Permission table")
struct AccessTests {
    @Test func rolesThatSeePersonalDataNeedASecondFactor() {
        #expect(PermissionTable.requiresSecondFactor(.administrator))
        #expect(PermissionTable.requiresSecondFactor(.coordinator))
        #expect(PermissionTable.requiresSecondFactor(.researcher))
        #expect(PermissionTable.requiresSecondFactor(.moderator))
        #expect(PermissionTable.requiresSecondFactor(.councilSecretary))
        #expect(!PermissionTable.requiresSecondFactor(.teamManager), "aggregated results only")
        #expect(!PermissionTable.requiresSecondFactor(.councilMember))
    }

    @Test func everyRoleMayUseTheStaffArea() {
        for role in Role.allCases { #expect(PermissionTable.allows(role, .useStaffArea)) }
    }

    @Test func onlyResearchersExportRespondentData() {
        let exporters = Role.allCases.filter { PermissionTable.allows($0, .exportRespondentData) }
        #expect(exporters == [.researcher])
    }

    @Test func onlyAdministratorsManageUsersAndReadTheAuditLog() {
        for role in Role.allCases where role != .administrator {
            #expect(!PermissionTable.allows(role, .manageUsers))
            #expect(!PermissionTable.allows(role, .readAuditLog))
        }
    }

    @Test func teamManagersAreTheTeamScopedRole() {
        #expect(Role.allCases.filter(\.isTeamScoped) == [.teamManager])
    }
}
