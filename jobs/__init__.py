"""The clock door: the scheduler process and its jobs (signal scan, outbox delivery, day change, purge)."""
