// ParleyOpus — placeholder, replaced in this change.
