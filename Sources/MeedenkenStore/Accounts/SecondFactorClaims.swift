import Foundation
import SQLKit

/// Second-factor codes are claimed with a conditional UPDATE that only one of several
/// simultaneous requests can win: reading first and saving after would let the same code sign
/// in twice.
extension Store {
    /// Claims a TOTP time step for a user; false when this or a later step was used already.
    package func claimTOTPStep(_ step: Int64, userID: UUID) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE staff_users SET totp_last_step = \(bind: step)
            WHERE id = \(bind: userID) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """
        ).first() != nil
    }

    /// Replaces a stored secret by its resealed form, unless it was reset meanwhile.
    package func resealTOTPSecret(userID: UUID, from stored: String, to resealed: String) async throws {
        try await sql.raw("UPDATE staff_users SET totp_secret = \(bind: resealed) WHERE id = \(bind: userID) AND totp_secret = \(bind: stored)").run()
    }

    /// Marks an unused recovery code with one of these hashes used; false when there is none.
    package func claimRecoveryCode(userID: UUID, hashes: [String], at now: Date) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE recovery_codes SET used_at = \(bind: now)
            WHERE user_id = \(bind: userID) AND code_hash IN (\(binds: hashes)) AND used_at IS NULL
            RETURNING id
            """
        ).first() != nil
    }
}
