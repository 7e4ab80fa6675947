import ArgumentParser
import PlaybookLint
import PlaybookModel

extension Kind: ExpressibleByArgument {}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema (draft 2020-12) of playbook files, for editors.",
        discussion: """
        Without KIND, prints one schema for any playbook document (kind chooses the definition); \
        with KIND, that kind's alone. Save it in the repository and point yaml-language-server \
        (VS Code's YAML extension, Neovim, Helix…) at it with a first-line modeline:

          playbook schema > playbook.schema.json
          # yaml-language-server: $schema=../../playbook.schema.json

        Examples:
          playbook schema
          playbook schema Experiment
        """
    )

    @Argument(help: "Metric, Squad, Objective, Hypothesis or Experiment.")
    var kind: Kind?

    func run() throws {
        Terminal.write(kind.map(JSONSchemaWriter.schema(for:)) ?? JSONSchemaWriter.document())
    }
}
