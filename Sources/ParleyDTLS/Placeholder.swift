// ParleyDTLS — placeholder, replaced in this change.
