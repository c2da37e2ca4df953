import MeedenkenCore
import MeedenkenStore
import NIOCore

/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2; `250-` continues a reply).
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]

    var isPositive: Bool { (200..<400).contains(code) }
    var isPermanentFailure: Bool { (500..<600).contains(code) }
    var text: String { "\(code) " + lines.joined(separator: " / ") }
}

/// Cuts the byte stream from the server into replies.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = newline - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(line.prefix(3))) else {
            throw MailSendError(isPermanent: false, reason: .unreadableReply)
        }
        let text = bytes.count > 4 ? String(line.dropFirst(4)) : ""
        lines.append(text)
        if bytes.count > 3, bytes[3] == UInt8(ascii: "-") { return .continue }
        context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: lines)))
        lines = []
        return .continue
    }
}

/// Hands replies to whoever waits for the next one; fails every waiter when the connection ends.
/// Unchecked: every access happens on the channel's event loop (`nextReply` is submitted there).
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPReply

    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var ready: [SMTPReply] = []
    private var failure: (any Error)?

    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        eventLoop.preconditionInEventLoop()
        if !ready.isEmpty { return eventLoop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(MailSendError(isPermanent: false, reason: .closed))
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error) {
        failure = failure ?? error
        let pending = waiting
        waiting = []
        for promise in pending { promise.fail(error) }
    }
}
