"""Attendance reports: tallies, rules, the minutes paragraph, Excel and charts."""
