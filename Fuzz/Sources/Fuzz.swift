import BilletterieCore
import Foundation

/// libFuzzer targets for what billetterie reads from files and people: CSV imports, event
/// files, ticket codes and references, gate packs (and their delta and exchange files).
/// Docs/fuzzing.md says how to build and run them; Fuzz/corpus/ holds the seeds.
///
/// Built only with `-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer` (libFuzzer brings `main`);
/// a plain `swift build` makes a binary that says so.
enum FuzzTargets {
    /// $BILLETTERIE_FUZZ: csv, event, code, pack, update.
    static let target = ProcessInfo.processInfo.environment["BILLETTERIE_FUZZ"] ?? "csv"
    static let folder: String = {
        let path = NSTemporaryDirectory() + "billetterie-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
    /// Keys for codes: made once, so a run spends its time on parsing.
    static let keys = CryptoPrimitives.newSigningKeyPair()

    static func run(_ bytes: [UInt8]) {
        switch target {
        case "csv": csv(bytes)
        case "event": event(bytes)
        case "code": code(bytes)
        case "pack": pack(bytes)
        case "update": update(bytes)
        default: fatalError("BILLETTERIE_FUZZ must be csv, event, code, pack or update")
        }
    }

    static func file(_ bytes: [UInt8], _ name: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func csv(_ bytes: [UInt8]) {
        guard let reader = try? CSVReader(path: file(bytes, "input.csv")) else { return }
        var records = 0
        while let record = reader.next(), records < 100_000 {
            if case .success(let r) = record { _ = CSV.line(r.fields) }
            records += 1
        }
    }

    static func event(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        for format in [EventDocument.Format.yaml, .json] {
            if let document = try? EventDocument.parse(text, format: format, source: "fuzz") { _ = try? document.render(format) }
        }
    }

    static func code(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = TicketCode.verify(text, publicKeys: [keys.publicKey])
        _ = TicketReference.read(text)
    }

    /// Hostile bytes as a delta or exchange file, applied to a fresh copy of a genuine pack
    /// ($BILLETTERIE_FUZZ_PACK, Fuzz/corpus/pack/gate.pack: the deltas and exchanges in
    /// Fuzz/corpus/update are for it).
    static func update(_ bytes: [UInt8]) {
        guard let genuine = ProcessInfo.processInfo.environment["BILLETTERIE_FUZZ_PACK"] else { fatalError("set BILLETTERIE_FUZZ_PACK") }
        let copy = folder + "/gate.pack"
        try? FileManager.default.removeItem(atPath: copy)
        try? FileManager.default.copyItem(atPath: genuine, toPath: copy)
        guard let gate = try? GatePack.open(path: copy) else { fatalError("\(genuine) is not a pack this build opens") }
        _ = try? gate.apply(path: file(bytes, "input.update"), now: Date())
    }

    /// Hostile bytes as a pack file: opened, asked for a code and a reference, given an update.
    static func pack(_ bytes: [UInt8]) {
        let path = file(bytes, "input.pack")
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        if let gate = try? GatePack.open(path: path) {
            _ = try? gate.validate(
                "03KS88WADMJQASSEY3BINU4JE3S6L1UU4ZTG7KC6GOWWU1MCJOSV88WQOPECOGMDCNKK08XY9VMQR5NBIVS7YS1EU9PIF36ST4Q5RKM4OUO9VBI55SE7GCS96",
                gate: "F", now: Date())
            _ = try? gate.validate("7KQM3XR9PT", gate: "F", now: Date())
            _ = try? gate.apply(path: file(bytes, "input.delta"), now: Date())
        }
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        guard let data else { return 0 }
        FuzzTargets.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// libFuzzer's driver, called from our own `main` (SwiftPM gives every executable one).
    // swift-format-ignore: AlwaysUseLowerCamelCase
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @main
    struct FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        }
    }
#else
    @main
    struct FuzzNotBuilt {
        static func main() {
            print("billetterie-fuzz: build it for libFuzzer, see Docs/fuzzing.md")
            _ = FuzzTargets.target
        }
    }
#endif
