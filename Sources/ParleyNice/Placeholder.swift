// ParleyNice — placeholder, replaced in this change.
