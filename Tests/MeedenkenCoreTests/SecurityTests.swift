import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Security primitives")
struct SecurityTests {
    /// RFC 6238 appendix B, SHA-1 rows (8 digits, secret "12345678901234567890").
    @Test(arguments: [
        (59.0, "94287082"), (1_111_111_109.0, "07081804"), (1_111_111_111.0, "14050471"),
        (1_234_567_890.0, "89005924"), (2_000_000_000.0, "69279037"), (20_000_000_000.0, "65353130"),
    ])
    func totpMatchesTheRFC6238TestVectors(time: Double, expected: String) {
        let totp = TOTP(secret: Data("12345678901234567890".utf8), digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: time)) == expected)
    }

    @Test func aTOTPCodeIsAcceptedOnceAndWithinOneStepOfDrift() {
        let totp = TOTP(secret: TOTP.generateSecret())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = totp.code(at: now)
        let step = totp.matchingStep(for: code, at: now, lastUsedStep: nil)
        #expect(step == totp.timeStep(at: now))
        #expect(totp.matchingStep(for: code, at: now, lastUsedStep: step) == nil, "a used code must not work again")
        #expect(totp.matchingStep(for: code, at: now.addingTimeInterval(30), lastUsedStep: nil) != nil)
        #expect(totp.matchingStep(for: code, at: now.addingTimeInterval(95), lastUsedStep: nil) == nil)
        #expect(totp.matchingStep(for: "12 34", at: now, lastUsedStep: nil) == nil)
        #expect(totp.matchingStep(for: "abcdef", at: now, lastUsedStep: nil) == nil)
    }

    @Test func theProvisioningURIHasWhatAuthenticatorAppsRead() {
        let totp = TOTP(secret: Data("12345678901234567890".utf8))
        let uri = totp.provisioningURI(account: "anna@example.nl", issuer: "Meedenken Jeugdzorg")
        #expect(uri.hasPrefix("otpauth://totp/Meedenken%20Jeugdzorg:anna@example.nl?"))
        #expect(uri.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(uri.contains("issuer=Meedenken%20Jeugdzorg"))
        #expect(uri.contains("digits=6") && uri.contains("period=30") && uri.contains("algorithm=SHA1"))
    }

    /// RFC 4648 §10 test vectors.
    @Test(arguments: [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")])
    func base32FollowsRFC4648(plain: String, encoded: String) {
        #expect(Base32.encode(Data(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Data(plain.utf8))
    }

    @Test func base32DecodingForgivesSpacesCaseAndRejectsOtherCharacters() {
        #expect(Base32.decode("mzxw 6ytb-oi") == Data("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
    }

    /// RFC 4648 §10 test vectors, in the URL alphabet without padding, and bytes that use the
    /// two letters the URL alphabet changes.
    @Test(arguments: [
        ([UInt8](), ""), (Array("f".utf8), "Zg"), (Array("fo".utf8), "Zm8"), (Array("foo".utf8), "Zm9v"), (Array("foob".utf8), "Zm9vYg"),
        (Array("fooba".utf8), "Zm9vYmE"), (Array("foobar".utf8), "Zm9vYmFy"), ([0xFB, 0xFF, 0xBF], "-_-_"), ([0xFF], "_w"),
    ])
    func base64URLFollowsRFC4648(bytes: [UInt8], encoded: String) {
        #expect(SecureToken.base64URL(bytes) == encoded)
        #expect(Data(bytes).base64URLEncodedString() == encoded)
    }

    /// Row ids: random version 4 UUIDs (RFC 9562 §5.4), all different.
    @Test func randomUUIDsAreVersion4AndDistinct() {
        let ids = (0..<1_000).map { _ in UUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4 && id.uuid.8 >> 6 == 0b10)
            #expect(UUID(uuidString: id.uuidString) == id)
        }
    }

    @Test func tokensOfAnyLengthDecodeToThatManyBytes() {
        for byteCount in [1, 7, 8, 9, 16, 31, 32, 33] {
            let token = SecureToken.generate(byteCount: byteCount)
            let padded =
                token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                + String(repeating: "=", count: (4 - token.count % 4) % 4)
            #expect(Data(base64Encoded: padded)?.count == byteCount)
        }
    }

    @Test func tokensHaveAtLeast128BitsAndAreStoredAsHashes() {
        let token = SecureToken.generate()
        #expect(Data(base64Encoded: token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")?.count ?? 0 >= 16)
        #expect(SecureToken.generate() != token)
        #expect(SecureToken.hash(token).count == 64)
        #expect(SecureToken.hash(token) != token)
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
    }

    @Test func recoveryCodesAreTenDistinctCodesThatNormaliseWhenTyped() {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        let code = codes[0]
        #expect(code.count == 14)
        #expect(RecoveryCodes.normalise(code.lowercased().replacingOccurrences(of: "-", with: " ")) == RecoveryCodes.normalise(code))
    }

    @Test func passwordsNeedLengthOnlyNoCompositionRules() {
        #expect(PasswordPolicy.check("kort", refusing: .none) == .tooShort)
        #expect(PasswordPolicy.check("elf tekens!", refusing: .none) == .tooShort)
        #expect(PasswordPolicy.check("alleenkleineletters", refusing: .none) == nil)
        #expect(PasswordPolicy.check("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", refusing: .none) == nil, "twelve characters as a person counts them")
        #expect(PasswordPolicy.check(String(repeating: "a", count: 1_001), refusing: .none) == .tooLong)
    }

    @Test func commonPasswordsAreRefusedAlsoWithDigitsOrSignsAround() {
        let common = CommonPasswords(list: "123456\npassword\nqwertyuiopasdf\nWachtwoord\n\n")
        #expect(common.count == 4)
        #expect(PasswordPolicy.check("qwertyuiopasdf", refusing: common) == .common)
        #expect(PasswordPolicy.check("QWERTYuiopASDF", refusing: common) == .common, "whatever the case")
        #expect(PasswordPolicy.check("Password2024!", refusing: common) == .common)
        #expect(PasswordPolicy.check("!!wachtwoord123", refusing: common) == .common)
        #expect(PasswordPolicy.check("123456123456", refusing: common) == nil, "only the password itself, or letters with padding")
        #expect(PasswordPolicy.check("mijn password is lang", refusing: common) == nil, "a listed word inside a sentence is fine")
        #expect(PasswordPolicy.check("passwordpassword", refusing: common) == nil)
    }

    @Test(arguments: ["/werkplek", "/beheer/gebruikers?pagina=2"])
    func localPathsAreAcceptedAsReturnTargets(path: String) {
        #expect(LocalRedirect.safePath(path) == path)
    }

    @Test(arguments: ["https://evil.example", "//evil.example", "/\\evil.example", "werkplek", "/a\nb", ""])
    func otherSitesAreNeverReturnTargets(path: String) {
        #expect(LocalRedirect.safePath(path) == nil)
    }

    @Test func constantTimeComparisonStillCompares() {
        #expect(SecureToken.constantTimeEquals("abc", "abc"))
        #expect(!SecureToken.constantTimeEquals("abc", "abd"))
        #expect(!SecureToken.constantTimeEquals("abc", "abcd"))
    }
}
