import Crypto
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// bcrypt reads only the first 72 bytes of a password, and we allow long passphrases. So we hash
/// SHA-256(password) in base64 (44 bytes) with bcrypt: every character counts, the cost stays
/// bcrypt's. Hashing runs on the thread pool, never on an event loop.
struct PasswordHashing: Sendable {
    /// bcrypt's work factor: 12 in production; tests choose the minimum to stay fast.
    let cost: Int

    func hash(_ password: String, on pool: NIOThreadPool) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive { try Bcrypt.hash(Self.prehash(password), cost: cost) }
    }

    func verify(_ password: String, against hash: String?, on pool: NIOThreadPool) async throws -> Bool {
        guard let hash else {
            // No account (or no password yet): hashing the password at the same cost is the same
            // work as checking it, so the time a failed login takes does not reveal whether an
            // e-mail address exists. (A dummy hash made when this value was made cost a second
            // bcrypt run on every login, outside the thread pool.)
            let cost = self.cost
            _ = try await pool.runIfActive { try Bcrypt.hash(Self.prehash(password), cost: cost) }
            return false
        }
        return try await pool.runIfActive { (try? Bcrypt.verify(Self.prehash(password), created: hash)) ?? false }
    }

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}

extension Application {
    private struct PasswordHashingKey: StorageKey { typealias Value = PasswordHashing }

    var passwordHashing: PasswordHashing {
        get { storage[PasswordHashingKey.self] ?? PasswordHashing(cost: 12) }
        set { storage[PasswordHashingKey.self] = newValue }
    }
}

extension Request {
    func hashPassword(_ password: String) async throws -> String {
        try await application.passwordHashing.hash(password, on: application.threadPool)
    }

    func verifyPassword(_ password: String, against hash: String?) async throws -> Bool {
        try await application.passwordHashing.verify(password, against: hash, on: application.threadPool)
    }
}
