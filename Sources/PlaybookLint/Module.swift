// PlaybookLint: placeholder until the module lands.
