// ParleySDP — placeholder, replaced in this change.
