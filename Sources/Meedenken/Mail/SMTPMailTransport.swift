import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one mail per connection over SMTP (RFC 5321), with STARTTLS (RFC 3207) or implicit TLS
/// from NIOSSL and AUTH PLAIN (RFC 4954). Thin on purpose: a mail server does the hard parts.
struct SMTPMailTransport: MailTransport {
    let settings: AppConfig.SMTPSettings
    let eventLoopGroup: any EventLoopGroup
    /// The name we greet with (EHLO): the host of the public address.
    let greetingName: String
    /// A whole conversation must finish within this time.
    var timeout: TimeAmount = .seconds(60)

    func send(_ message: String, from: String, to: String, messageID: String) async throws {
        let handler = SMTPReplyHandler()
        let implicitTLS = settings.security == .tls
        // SNI takes names, not addresses; for an address the certificate chain is still checked.
        let host: String? = settings.host.contains(where: { $0.isLetter }) && !settings.host.contains(":") ? settings.host : nil
        let tlsContext = try makeTLSContext()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tlsContext, serverHostname: host))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw MailSendError(isPermanent: false, reason: .unreachable, detail: "\(settings.host):\(settings.port)")
        }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        let session = Session(channel: channel, replies: handler)
        try await session.expect(220)
        var capabilities = try await session.command("EHLO \(greetingName)", expect: 250).lines
        if settings.security == .startTLS {
            guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw MailSendError(isPermanent: false, reason: .noStartTLS)
            }
            try await session.command("STARTTLS", expect: 220)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tlsContext, serverHostname: host), position: .first)
            }.get()
            capabilities = try await session.command("EHLO \(greetingName)", expect: 250).lines
        }
        if let username = settings.username, let password = settings.password {
            let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await session.command("AUTH PLAIN \(credentials)", expect: 235, redacted: "AUTH PLAIN …")
        }
        try await session.command("MAIL FROM:<\(from)>", expect: 250)
        try await session.command("RCPT TO:<\(to)>", expect: 250)
        try await session.command("DATA", expect: 354)
        // Dot-stuffing (RFC 5321 §4.5.2): a line starting with "." gets another.
        let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        try await session.command(stuffed + "\r\n.", expect: 250, redacted: "message body")
        _ = try? await session.command("QUIT", expect: 221)
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let authority = settings.certificateAuthorityFile { configuration.additionalTrustRoots = [.file(authority)] }
        return try NIOSSLContext(configuration: configuration)
    }

    /// One conversation: write a line, read the reply, insist on the expected code.
    private struct Session {
        let channel: any Channel
        let replies: SMTPReplyHandler

        func expect(_ code: Int) async throws {
            let reply = try await next()
            try check(reply, code, what: "greeting")
        }

        @discardableResult
        func command(_ line: String, expect code: Int, redacted: String? = nil) async throws -> SMTPReply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            let reply = try await next()
            try check(reply, code, what: redacted ?? String(line.prefix(40)))
            return reply
        }

        private func next() async throws -> SMTPReply {
            let replies = self.replies
            let eventLoop = channel.eventLoop
            return try await eventLoop.flatSubmit { replies.nextReply(on: eventLoop) }.get()
        }

        private func check(_ reply: SMTPReply, _ code: Int, what: String) throws {
            // 251 (forwarded) is as good as 250 for a recipient.
            if reply.code == code || (code == 250 && reply.code == 251) { return }
            throw MailSendError(isPermanent: reply.isPermanentFailure, reason: .refused, detail: "\(what): \(reply.text)")
        }
    }
}
