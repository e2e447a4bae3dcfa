import Foundation
import PostgresNIO

// One connection, one query, one insert, close: what a door scan would do per process.
let socket = CommandLine.arguments[1]
let logger = Logger(label: "bench")
let config = PostgresConnection.Configuration(unixSocketPath: socket, username: "postgres", password: nil, database: "bench")
let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
let select: PostgresQuery = "SELECT id FROM t WHERE id = 1"
for try await _ in try await connection.query(select, logger: logger) {}
let insert: PostgresQuery = "INSERT INTO s (at) VALUES (now())"
_ = try await connection.query(insert, logger: logger)
try await connection.close().get()
