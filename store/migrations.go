package store

import "embed"

// migrationFS holds the PostgreSQL schema migrations (migrations/README.md says
// how to add one); goose applies them when a PostgreSQL store opens.
//
//go:embed migrations/*.sql
var migrationFS embed.FS
