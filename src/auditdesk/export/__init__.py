"""What leaves the laptop: the audit workbook and the PDF report."""
