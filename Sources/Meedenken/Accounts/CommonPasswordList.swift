import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

extension Application {
    private struct CommonPasswordsKey: StorageKey { typealias Value = CommonPasswords }

    /// The list every new password is checked against, read once at start (`configure`).
    var commonPasswords: CommonPasswords {
        get { storage[CommonPasswordsKey.self] ?? .none }
        set { storage[CommonPasswordsKey.self] = newValue }
    }

    /// Reads `Resources/Passwords/common-passwords.txt`; without it a password check would
    /// silently let every common password through, so its absence stops the start.
    func loadCommonPasswords() throws -> CommonPasswords {
        let path = directory.resourcesDirectory + "Passwords/common-passwords.txt"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(problems: ["list of common passwords missing: \(path)"])
        }
        return CommonPasswords(list: String(decoding: data, as: UTF8.self))
    }
}

extension Request {
    /// Why `password` may not be chosen, in the user's language, or nil.
    func passwordProblem(_ password: String) -> String? {
        PasswordPolicy.check(password, refusing: application.commonPasswords).map {
            t($0.rawValue, ["minimum": "\(PasswordPolicy.minimumLength)"])
        }
    }
}
