"""Training cases, training mode and calibration of trainee auditors."""
