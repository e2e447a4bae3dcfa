// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "billetterie",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "billetterie", targets: ["billetterie"]),
        .library(name: "BilletterieCore", targets: ["BilletterieCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The executable: parsing and presentation only.
        .executableTarget(
            name: "billetterie",
            dependencies: [
                "BilletterieCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The rules, the store and the integrations; never imports ArgumentParser.
        .target(
            name: "BilletterieCore",
            dependencies: [
                "CSQLite", "CLibPQ", "CPango", "CQRencode", "CSodium", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Header only: libpq is loaded at run time, on the first connection to a server (shim.h).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        // No header or library at build time: cairo and pango are loaded on the first PDF (shim.h).
        .systemLibrary(name: "CPango"),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Figures for Benchmarks/*.sh: in-process baselines (raw SQLite + signatures, QR rendering).
        .executableTarget(name: "billetterie-bench", dependencies: ["BilletterieCore", "CSQLite"], path: "Benchmarks/Sources"),
        // libFuzzer targets (Docs/fuzzing.md): built with -DFUZZING -sanitize=fuzzer, run by hand.
        .executableTarget(name: "billetterie-fuzz", dependencies: ["BilletterieCore"], path: "Fuzz/Sources"),
        // What both test targets share (a seeded random generator).
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(
            name: "BilletterieCoreTests",
            dependencies: [
                "BilletterieCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // Depends on the executable so `swift test` builds the binary it runs; on the core
        // only to read a store back (snapshots) and compute TOTP codes.
        .testTarget(name: "BilletterieCLITests", dependencies: ["billetterie", "BilletterieCore", "TestSupport"]),
    ]
)
