"""The partner bank: bulk-transfer files out, statements back, reconciled line by line."""
