import Foundation

/// Computation on values spread over every core (signatures, PDFs), results in the inputs'
/// order. Only for work that touches no store: a connection is one thread's.
enum Parallel {
    /// `transform` of each item, on up to one worker per core (none for fewer than
    /// `perWorker` items a worker), each worker taking every n-th item.
    static func map<T: Sendable, U: Sendable>(_ items: [T], perWorker: Int = 1, _ transform: @Sendable (T) throws -> U) -> [Result<U, any Error>] {
        var results = [Result<U, any Error>?](repeating: nil, count: items.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / max(1, perWorker)))
        results.withUnsafeMutableBufferPointer { buffer in
            let output = Slots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < items.count {
                    let item = items[index]
                    output[index] = Result { try transform(item) }
                    index += workers
                }
            }
        }
        return results.map { $0! }
    }

    /// A buffer each worker writes its own slots of (no two workers share an index).
    private struct Slots<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element>
        subscript(index: Int) -> Element {
            get { buffer[index] }
            nonmutating set { buffer[index] = newValue }
        }
    }
}
