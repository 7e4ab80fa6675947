// PlaybookModel: placeholder until the module lands.
