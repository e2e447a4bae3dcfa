import Testing

@testable import BilletterieCore

@Suite("the two engines' schemas")
struct SchemaTests {
    @Test("a migration step added for SQLite without its PostgreSQL spelling fails here, not on a till")
    func sameVersion() {
        #expect(PostgresSchema.version == Migrations.latestVersion)
    }

    @Test("every table a backup copies is made by both schemas, and every table of either is copied")
    func sameTables() {
        let sqlite = Migrations.steps.map(\.sql).joined(separator: "\n")
        for table in PostgresSchema.tablesInOrder {
            #expect(sqlite.contains("CREATE TABLE \(table) ("), "\(table) is not made by Migrations")
            #expect(PostgresSchema.latest.contains("CREATE TABLE \(table) ("), "\(table) is not made by PostgresSchema")
        }
        let made = PostgresSchema.latest.components(separatedBy: "CREATE TABLE ").dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(Set(made).subtracting(PostgresSchema.tablesInOrder) == ["billetterie_schema"])
    }
}
