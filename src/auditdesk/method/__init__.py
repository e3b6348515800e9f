"""The audit method: criteria read from the checklists, scoring, findings and sampling."""
