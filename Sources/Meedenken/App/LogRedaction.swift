import Logging
import MeedenkenCore
import MeedenkenStore
import Vapor

/// At debug level the SQL drivers log every statement with its bound values (`binds`), and Fluent
/// every query with the values it filters on and writes (`filters`, `input`): e-mail addresses,
/// token hashes, answers. With this handler the statement and the shape of the query stay in the
/// log (the benchmark reads it); the values do not.
public struct BindRedactingLogHandler: LogHandler {
    private var wrapped: any LogHandler

    public init(_ wrapped: any LogHandler) { self.wrapped = wrapped }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map(Self.redacted)
        wrapped.log(event: event)
    }

    static func redacted(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = metadata
        if let binds = metadata["binds"] {
            let count = if case .array(let values) = binds { values.count } else { 1 }
            result["binds"] = .string("\(count) values, not logged")
        }
        // Fluent's query: field names stay, the values written and compared with go.
        if let input = metadata["input"] { result["input"] = hidingEveryValue(input) }
        if let filters = metadata["filters"] { result["filters"] = hidingFilterValues(filters) }
        return result
    }

    private static func hidingEveryValue(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .dictionary(let entries): .dictionary(entries.mapValues(hidingEveryValue))
        case .array(let values): .array(values.map(hidingEveryValue))
        case .string, .stringConvertible: "…"
        }
    }

    private static func hidingFilterValues(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .dictionary(let entries):
            .dictionary(
                Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.key == "value" ? hidingEveryValue($0.value) : hidingFilterValues($0.value)) }))
        case .array(let values): .array(values.map(hidingFilterValues))
        case .string, .stringConvertible: value
        }
    }
}

/// Vapor's console logging (level from `--log` or LOG_LEVEL), with bound SQL values left out.
public func bootstrapLogging(from environment: inout Environment) throws {
    try LoggingSystem.bootstrap(from: &environment) { level in
        let console = Terminal()
        return { label in BindRedactingLogHandler(ConsoleLogger(label: label, console: console, level: level)) }
    }
}
