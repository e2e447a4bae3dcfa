// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pgnio",
    dependencies: [.package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2")],
    targets: [.executableTarget(name: "pgnio", dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")])]
)
