// ParleyRTP — placeholder, replaced in this change.
