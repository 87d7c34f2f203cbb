// ParleyMediaFiles — placeholder, replaced in this change.
