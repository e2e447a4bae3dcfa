import Foundation

/// A progress bar on stderr, drawn only on a terminal and never under --json (CLI.md 1).
struct ProgressBar {
    let label: String
    let enabled: Bool
    private var lastPercent = -1

    init(label: String, output: Output) {
        self.label = label
        self.enabled = output.stderrIsTerminal && !output.json
    }

    mutating func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Output.writeErr("\(Output.Marker.carriageReturn)\(label) \(bar) \(percent)%")
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        Output.writeErr("\(Output.Marker.carriageReturn)\(Output.Marker.escape)[K")
    }
}
