// ParleySRTP — placeholder, replaced in this change.
