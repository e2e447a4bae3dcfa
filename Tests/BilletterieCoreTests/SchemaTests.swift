import Testing

@testable import BilletterieCore

@Suite("the two engines' schemas")
struct SchemaTests {
    @Test("a migration step added for SQLite without its PostgreSQL spelling fails here, not on a till")
    func sameVersion() {
        #expect(Migrations.steps.contains { $0.version == PostgresSchema.baseVersion })
        for step in Migrations.steps where step.version > PostgresSchema.baseVersion {
            #expect(step.postgres != nil, "step \(step.version) (\(step.name)) has no PostgreSQL spelling")
            #expect(step.backfill == nil, "step \(step.version) needs a backfill, which only SQLite runs")
        }
    }

    @Test("every table a backup copies is made by both schemas, and every table of either is copied")
    func sameTables() {
        let sqlite = Migrations.steps.map(\.sql).joined(separator: "\n")
        let postgres = ([PostgresSchema.latest] + Migrations.steps.compactMap(\.postgres)).joined(separator: "\n")
        for table in PostgresSchema.tablesInOrder + PostgresSchema.derivedTables {
            #expect(sqlite.contains("CREATE TABLE \(table) ("), "\(table) is not made by Migrations")
            #expect(postgres.contains("CREATE TABLE \(table) ("), "\(table) is not made by PostgresSchema")
        }
        let made = postgres.components(separatedBy: "CREATE TABLE ").dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(Set(made).subtracting(PostgresSchema.tablesInOrder) == Set(["billetterie_schema"] + PostgresSchema.derivedTables))
    }
}
