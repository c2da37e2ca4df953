import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Checking and setting up the second factor (TOTP with recovery codes).
enum SecondFactor {
    /// Accepts a current TOTP code (each once) or an unused recovery code. Each is claimed with a
    /// conditional UPDATE that only one of several simultaneous requests can win: reading first and
    /// saving after would let the same code sign in twice.
    static func verify(_ typed: String, for user: StaffUser, on request: Request) async throws -> Bool {
        let userID = try user.requireID()
        let store = try request.store
        let sealing = request.application.secretSealing
        if let stored = user.totpSecret, let opened = sealing.open(stored, for: userID),
            let step = TOTP(secret: opened.secret).matchingStep(for: typed, at: request.now, lastUsedStep: user.totpLastStep)
        {
            guard try await store.claimTOTPStep(step, userID: userID) else { return false }
            user.totpLastStep = step
            // Stored in clear or under the previous key: sealed with the current key from now on
            // (unless it was reset meanwhile).
            if !opened.isCurrent {
                let resealed = try sealing.seal(opened.secret, for: userID)
                try await store.resealTOTPSecret(userID: userID, from: stored, to: resealed)
            }
            return true
        }
        let normalised = RecoveryCodes.normalise(typed)
        guard normalised.count == 12 else { return false }
        guard try await store.claimRecoveryCode(userID: userID, hashes: sealing.acceptedRecoveryCodeHashes(normalised), at: request.now) else {
            return false
        }
        try await request.audit(.recoveryCodeUsed, object: ("staff_user", userID.uuidString), actor: (userID, user.email))
        return true
    }

    /// The secret being set up, made on first need and kept until confirmed.
    static func pendingSecret(for user: StaffUser, sealing: SecretSealing, on database: any Database) async throws -> Data {
        let userID = try user.requireID()
        if let stored = user.pendingTOTPSecret, let opened = sealing.open(stored, for: userID) { return opened.secret }
        let secret = TOTP.generateSecret()
        user.pendingTOTPSecret = try sealing.seal(secret, for: userID)
        try await user.save(on: database)
        return secret
    }

    /// Confirms enrolment with the first code from the app; returns new recovery codes, or nil
    /// when the code does not match.
    /// Never for someone who already has a second factor: that one is only replaced after a reset.
    static func confirmEnrolment(code typed: String, for user: StaffUser, on request: Request) async throws -> [String]? {
        let userID = try user.requireID()
        let sealing = request.application.secretSealing
        guard !user.hasSecondFactor, let pending = user.pendingTOTPSecret, let secret = sealing.open(pending, for: userID)?.secret,
            let step = TOTP(secret: secret).matchingStep(for: typed, at: request.now, lastUsedStep: nil)
        else { return nil }
        let codes = RecoveryCodes.generate()
        let sealed = try sealing.seal(secret, for: userID)
        try await request.db.transaction { database in
            user.totpSecret = sealed
            user.pendingTOTPSecret = nil
            user.totpLastStep = step
            try await user.save(on: database)
            try await replaceRecoveryCodes(of: userID, with: codes, sealing: sealing, on: database)
        }
        return codes
    }

    static func replaceRecoveryCodes(of userID: UUID, with codes: [String], sealing: SecretSealing, on database: any Database) async throws {
        try await RecoveryCode.query(on: database).filter(\.$user.$id == userID).delete()
        for code in codes {
            try await RecoveryCode(userID: userID, codeHash: sealing.recoveryCodeHash(RecoveryCodes.normalise(code))).create(on: database)
        }
    }

    /// Groups of four characters, as authenticator apps show them.
    static func grouped(_ secret: Data) -> [String] {
        let text = Array(Base32.encode(secret))
        return stride(from: 0, to: text.count, by: 4).map { String(text[$0..<min($0 + 4, text.count)]) }
    }
}
