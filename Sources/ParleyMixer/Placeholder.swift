// ParleyMixer — placeholder, replaced in this change.
