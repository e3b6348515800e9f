"""Plain domain objects shared by the core: sites, audits, records, findings."""
