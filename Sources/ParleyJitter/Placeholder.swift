// ParleyJitter — placeholder, replaced in this change.
