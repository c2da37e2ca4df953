// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "meedenken",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "meedenken", targets: ["meedenken"]),
        .library(name: "Meedenken", targets: ["Meedenken"]),
        .library(name: "MeedenkenCore", targets: ["MeedenkenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.2"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.21.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Mail goes out over a thin SMTP layer on SwiftNIO; TLS comes from NIOSSL, never hand-rolled.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Only the benchmark uses these directly: an HTTP client, and SQLite and PostgreSQL without Meedenken for the reference.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: no Vapor, no Fluent, no I/O.
        .target(
            name: "MeedenkenCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The one door to the database: every model, migration, table and column name and SQL
        // statement. FluentKit, SQLKit and the two drivers; no Vapor.
        .target(
            name: "MeedenkenStore",
            dependencies: [
                "MeedenkenCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Meedenken",
            dependencies: [
                "MeedenkenCore",
                "MeedenkenStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "meedenken",
            dependencies: [
                "Meedenken",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // `bench/run`: drives a release `meedenken serve` over HTTP and compares with plain SQLite.
        .executableTarget(
            name: "meedenken-bench",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "bench/Sources/meedenken-bench"
        ),
        .testTarget(name: "MeedenkenCoreTests", dependencies: ["MeedenkenCore"]),
        .testTarget(
            name: "MeedenkenTests",
            dependencies: [
                "Meedenken",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            // The upgrade fixture is read from the checkout by path (`PreviousRelease`).
            exclude: ["Fixtures"]
        ),
    ]
)
