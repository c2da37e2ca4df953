import Crypto
import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Second-factor secrets sealed with AES-GCM and recovery codes hashed with HMAC, both under keys
/// derived from MEEDENKEN_SECRET_KEY: a copy of the database (a backup, a dump) then gives nobody
/// a working authenticator. MEEDENKEN_SECRET_KEY_PREVIOUS still opens what the key before sealed,
/// so a key can be rotated while serving; `resealAll` moves every secret to the current key.
/// Without a key, secrets are kept as before (Base32 in clear) and `serve` warns.
struct SecretSealing: Sendable {
    private struct Keys: Sendable {
        let encryption: SymmetricKey
        let hashing: SymmetricKey

        init(_ material: Data) {
            let input = SymmetricKey(data: material)
            encryption = HKDF<SHA256>.deriveKey(inputKeyMaterial: input, info: Data("meedenken totp secret".utf8), outputByteCount: 32)
            hashing = HKDF<SHA256>.deriveKey(inputKeyMaterial: input, info: Data("meedenken recovery code".utf8), outputByteCount: 32)
        }
    }

    private static let sealedPrefix = "v1:"
    private static let hashedPrefix = "h1:"
    private let current: Keys?
    private let previous: Keys?

    init(key: Data?, previousKey: Data?) {
        current = key.map(Keys.init)
        previous = previousKey.map(Keys.init)
    }

    var encrypts: Bool { current != nil }

    /// The stored form of `secret` for this user (the user's id is bound in, so a sealed secret
    /// copied to another row does not open).
    func seal(_ secret: Data, for userID: UUID) throws -> String {
        guard let current else { return Base32.encode(secret) }
        let box = try AES.GCM.seal(secret, using: current.encryption, authenticating: Data(userID.uuidString.utf8))
        guard let combined = box.combined else { throw Abort(.internalServerError) }
        return Self.sealedPrefix + combined.base64EncodedString()
    }

    /// The secret, and whether it is stored the current way (else it should be sealed again).
    func open(_ stored: String, for userID: UUID) -> (secret: Data, isCurrent: Bool)? {
        guard stored.hasPrefix(Self.sealedPrefix) else {
            return Base32.decode(stored).map { ($0, current == nil) }
        }
        guard let combined = Data(base64Encoded: String(stored.dropFirst(Self.sealedPrefix.count))),
            let box = try? AES.GCM.SealedBox(combined: combined)
        else { return nil }
        let userData = Data(userID.uuidString.utf8)
        if let current, let secret = try? AES.GCM.open(box, using: current.encryption, authenticating: userData) { return (secret, true) }
        if let previous, let secret = try? AES.GCM.open(box, using: previous.encryption, authenticating: userData) { return (secret, false) }
        return nil
    }

    /// How a new recovery code is stored.
    func recoveryCodeHash(_ normalised: String) -> String {
        guard let current else { return SecureToken.hash(normalised) }
        return Self.hmac(normalised, current)
    }

    /// Every stored form a typed recovery code may have: current key, previous key, unkeyed (made
    /// before a key was set). A code cannot be hashed again without its owner typing it.
    func acceptedRecoveryCodeHashes(_ normalised: String) -> [String] {
        [current, previous].compactMap { $0.map { Self.hmac(normalised, $0) } } + [SecureToken.hash(normalised)]
    }

    private static func hmac(_ text: String, _ keys: Keys) -> String {
        hashedPrefix + HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: keys.hashing).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals every secret not yet sealed with the current key (clear ones, the previous key's).
    /// A secret that no configured key opens stops the start: the key was lost or mistyped.
    func resealAll(on database: any Database) async throws -> Int {
        var resealed = 0
        var unreadable = 0
        for user in try await StaffUser.query(on: database).group(.or, { $0.filter(\.$totpSecret != nil).filter(\.$pendingTOTPSecret != nil) }).all() {
            let userID = try user.requireID()
            var changed = false
            for field in [\StaffUser.totpSecret, \StaffUser.pendingTOTPSecret] {
                guard let stored = user[keyPath: field] else { continue }
                guard let opened = open(stored, for: userID) else {
                    unreadable += 1
                    continue
                }
                if !opened.isCurrent {
                    user[keyPath: field] = try seal(opened.secret, for: userID)
                    changed = true
                }
            }
            if changed {
                try await user.save(on: database)
                resealed += 1
            }
        }
        if unreadable > 0 {
            throw ConfigurationError(problems: [
                "\(unreadable) two-step secrets cannot be opened with MEEDENKEN_SECRET_KEY (or MEEDENKEN_SECRET_KEY_PREVIOUS): set the key they were sealed with"
            ])
        }
        return resealed
    }
}

extension Application {
    var secretSealing: SecretSealing { SecretSealing(key: config.secretKey, previousKey: config.previousSecretKey) }
}
