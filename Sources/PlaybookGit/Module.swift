// PlaybookGit: placeholder until the module lands.
