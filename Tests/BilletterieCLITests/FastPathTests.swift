import Testing

@testable import billetterie

/// The single-scan reader sets every property of `ValidateCommand.Check` by hand; a property
/// it does not set would stop the program when read. These tests fail first.
@Suite("the door's fast argument reader knows every option of validate")
struct FastPathTests {
    static func properties(of value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { $0.label.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 } }
    }

    @Test("every property of validate's Check and of the global options is one the fast reader knows, and one DoorRequest carries")
    func everyProperty() {
        #expect(Self.properties(of: ValidateCommand.Check()).sorted() == SingleScanArguments.handledProperties.sorted())
        #expect(Self.properties(of: GlobalOptions()).sorted() == SingleScanArguments.handledGlobalProperties.sorted())
        // DoorRequest has the same fields (`options` standing for `global`), so nothing Check
        // parses is lost on the way to the door.
        #expect(Self.properties(of: DoorRequest()).map { $0 == "options" ? "global" : $0 }.sorted() == SingleScanArguments.handledProperties.sorted())
        #expect(Self.properties(of: GlobalValues()).sorted() == SingleScanArguments.handledGlobalProperties.sorted())
    }

    @Test("subcommand names, help and options it does not know go to ArgumentParser")
    func refusals() {
        for arguments in [
            ["validate", "pack"], ["validate", "merge"], ["validate", "check"], ["validate", "help"], ["validate", "X", "--undo", "s"],
            ["validate", "--help"], ["validate", "X", "--event=e"], ["validate", "X", "--gate"], ["validate", "X", "Y"], ["ticket", "X"],
        ] {
            #expect(SingleScanArguments.request(from: arguments) == nil, "\(arguments)")
        }
        let request = SingleScanArguments.request(from: ["validate", "ABC", "--event", "e", "--gate", "A", "--json", "--db", "d"])
        #expect(request?.code == "ABC" && request?.event == "e" && request?.gate == "A" && request?.options.json == true && request?.options.db == "d")
        let exit = SingleScanArguments.request(from: ["validate", "ABC", "--event", "e", "--list", "parking", "--exit"])
        #expect(exit?.list == "parking" && exit?.exit == true && exit?.code == "ABC")
        for arguments in [["validate", "X", "--exit", "--exit"], ["validate", "X", "--list"], ["validate", "X", "--list", "a", "--list", "b"]] {
            #expect(SingleScanArguments.request(from: arguments) == nil, "\(arguments)")
        }
    }
}
