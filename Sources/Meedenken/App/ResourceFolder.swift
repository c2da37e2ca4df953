import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Finds the folder that holds `Resources/` (templates, string catalogs, starter questionnaires)
/// and `Public/` (stylesheet), so the binary runs from any working folder: MEEDENKEN_RESOURCES_DIR
/// when set, else next to the executable, else `<executable's folder>/../share/meedenken` (an
/// installed layout), else the working folder (a checkout with `swift run`).
enum ResourceFolder {
    /// The file whose presence marks a resource folder.
    static let marker = "Resources/Locales/nl.json"

    static func locate(explicit: String?, executable: URL?, workingDirectory: String) -> Result<String, ConfigurationError> {
        if let explicit {
            guard contains(explicit) else {
                return .failure(
                    ConfigurationError(problems: [
                        "MEEDENKEN_RESOURCES_DIR names \(explicit), which does not hold \(marker) (it must hold Resources/ and Public/)"
                    ]))
            }
            return .success(explicit)
        }
        let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [folder?.path, folder?.appendingPathComponent("../share/meedenken").standardized.path, workingDirectory].compactMap { $0 }
        if let found = candidates.first(where: contains) { return .success(found) }
        return .failure(
            ConfigurationError(problems: [
                "Resources/ and Public/ not found in \(candidates.joined(separator: ", ")): set MEEDENKEN_RESOURCES_DIR to the folder that holds them"
            ]))
    }

    private static func contains(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(marker))
    }
}

extension Application {
    private struct ResourceProblemKey: StorageKey { typealias Value = ConfigurationError }

    /// Why the resource folder was not found. Kept rather than thrown at start, so that `--help`
    /// and commands that need no templates work from anywhere.
    var resourceProblem: ConfigurationError? {
        get { storage[ResourceProblemKey.self] }
        set { storage[ResourceProblemKey.self] = newValue }
    }

    /// Called first by the commands that render pages, mail or questionnaires.
    func requireResources() throws {
        if let resourceProblem { throw resourceProblem }
    }
}
