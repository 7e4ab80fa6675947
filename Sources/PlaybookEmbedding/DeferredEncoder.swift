import Foundation
import PlaybookSimilarity

/// The model, loaded on the first `encode`: a run whose texts are all in the embedding cache
/// never reads the weights. Name and dimension come from the folder and `config.json`.
public final class DeferredEncoder: SentenceEncoder, @unchecked Sendable {
    public let modelName: String
    public let dimension: Int
    private let folder: String
    private let lock = NSLock()
    private var loaded: Result<MiniLMEncoder, Error>?

    /// Checks that the model's files are there and reads its configuration; the weights wait.
    public init(folder: String, name: String? = nil) throws {
        for file in ["config.json", "vocab.txt", "model.safetensors"] where !FileManager.default.fileExists(atPath: folder + "/" + file) {
            throw ModelError.notInstalled(folder: folder, missing: file)
        }
        let configPath = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: configPath),
              let configuration = try? JSONDecoder().decode(BertConfiguration.self, from: data) else {
            throw ModelError.malformed(path: configPath, reason: "it is not a BERT configuration")
        }
        try configuration.check(path: configPath)
        self.folder = folder
        modelName = name ?? URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        dimension = configuration.hiddenSize
    }

    /// True once the weights have been read.
    public var isLoaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return loaded != nil
    }

    /// Why the weights could not be read, once a run has tried and failed (nil before any try, or after a
    /// load that worked). A run that needed the model and did without it says so with this.
    public var loadFailure: String? {
        lock.lock()
        defer { lock.unlock() }
        guard case let .failure(error)? = loaded else { return nil }
        return (error as? ModelError)?.description ?? "\(error)"
    }

    /// The loaded model (loading it now if needed).
    public func model() throws -> MiniLMEncoder {
        lock.lock()
        defer { lock.unlock() }
        let result = loaded ?? Result { try MiniLMEncoder(folder: folder, name: modelName) }
        loaded = result
        return try result.get()
    }

    public func encode(_ texts: [String]) throws -> [[Float]] {
        try model().encode(texts)
    }

    public func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool {
        try model().encode(texts, into: matrix, rows: rows)
    }
}
