"""/tailieu: the library of study topics. Browse by numbered choices, read section by
section, search without diacritics; secretaries add topics, publish one to the branch
with a "Đã đọc" answer, see who has read it and remind only those who have not."""
