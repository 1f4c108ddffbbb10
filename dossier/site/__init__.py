"""The site: everything that turns computed records into pages (Markdown for `dossier build`,
HTML for the MkDocs plugin) and into dossier.json. Computing stages never render; this layer
never computes findings."""
