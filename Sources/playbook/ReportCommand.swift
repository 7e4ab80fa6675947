import ArgumentParser

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build reports from the playbook's git history.",
        subcommands: []
    )
}
