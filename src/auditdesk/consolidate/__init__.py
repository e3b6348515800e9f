"""NGO consolidation of many auditors' workbooks into one verified master."""
