"""The user-pool side of Lambda triggers: one module per group of triggers, each building its
events from the pool's records and applying what the function answered."""
